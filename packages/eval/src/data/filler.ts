import type { TurnLine } from '../eval-types';

/** Small deterministic PRNG (mulberry32), so a generated call is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/** Rambling caller talk that carries nothing a later question asks about. */
const RAMBLE: Readonly<Record<string, readonly string[]>> = {
  move: [
    'Honestly the whole week has been a blur, boxes everywhere and I still cannot find the kettle.',
    'The movers were two hours late and then they scratched the hallway wall on the way in.',
    'We had to carry the wardrobe up three flights because the lift was out of order again.',
    'My neighbour across the landing brought round some biscuits which was sweet of her.',
    'I keep walking into the wrong room because the layout is flipped compared to the old place.',
    'The previous tenants left a stack of their post so I have been forwarding that as well.',
    'It rained the entire day we moved, so everything smelled like wet cardboard for days.',
    'I spent most of Saturday assembling a bookshelf that came with instructions in six languages.',
    'The boiler makes a clunking noise at night, the landlord says that is normal for the building.',
    'We still have not worked out which switch controls the light in the stairwell.',
    'There is a lovely bakery on the corner, I have been there far too often already.',
    'Parking is a nightmare on this street, you have to circle around for ages after six.',
    'I had to redo all my subscriptions and delivery addresses, it takes forever.',
    'The internet installer came on Tuesday but only got half of it done before he had to leave.',
    'We found a box of old photos while unpacking and lost an entire evening looking through them.',
    'The kitchen is smaller than I expected, so half the pans are still in the garage.',
  ],
  smarthome: [
    'So the thing is I have got about fourteen of these bulbs now and they all behave a bit differently.',
    'The hub sits in the hallway cupboard because that is where the router ended up.',
    'Sometimes the living room lights come on at three in the morning for no reason at all.',
    'I tried renaming the rooms in the app but it kept reverting to the default names.',
    'My partner thinks the whole thing is overkill but he loves the porch light schedule.',
    'The motion sensor in the bathroom is a bit too eager, it triggers when the door swings.',
    'I watched a couple of videos online and they all had a slightly different menu from mine.',
    'Last winter the thermostat worked perfectly, it only started acting up after the update.',
    'We have a mix of older plugs and newer ones so maybe that is part of the problem.',
    'The app asks me to log in again almost every other day which is getting tiresome.',
    'I did try moving the hub closer to the kitchen but then the garage sensor dropped off.',
    'The doorbell camera is fine, it is really just the lights and the heating schedule.',
    'My brother in law set up half of this originally and he has since moved abroad.',
    'I am not in a rush, I just want it to behave before the evenings get darker.',
    'The batteries in the hallway sensor were replaced last month so it is not that.',
    'Every time the power flickers the whole system takes ages to come back.',
  ],
  family: [
    'We went up to the lake for a long weekend and the weather was surprisingly kind to us.',
    'The garden has gone a bit wild this summer, the brambles are taking over the back fence.',
    'I have been trying to get back into running but my knee has other ideas.',
    'My sister visited with her two boys and they turned the living room into a fort.',
    'We finally repainted the spare room, a sort of pale green that looks grey at night.',
    'Work has been hectic with the end of the financial year and everyone on holiday.',
    'The dog had a run in with a hedgehog last week, lots of barking and no harm done.',
    'I joined a book club at the library, we are reading something very long and very Russian.',
    'The car needed new tyres which was not the most exciting way to spend money.',
    'We tried a new Thai place in town and it was good but far too spicy for me.',
    'My mum has taken up pottery and now every cupboard has a slightly wonky bowl in it.',
    'The school run in the mornings is chaos, everyone double parks outside the gates.',
    'I watched the whole of that detective series in two nights which I do not recommend.',
    'We are thinking about redoing the bathroom at some point but not this year.',
    'It has been so windy lately that the recycling bin keeps ending up in the road.',
    'I have been meaning to sort out the loft for years and I keep putting it off.',
  ],
  /** Office and commuting small talk (a theme only the widened dev calls use). */
  work: [
    'The train this morning was cancelled again so I ended up sharing a taxi with two strangers.',
    'We have had three different managers in a year, each with their own favourite spreadsheet.',
    'The canteen changed supplier and now every sandwich tastes faintly of cardboard.',
    'My desk is right under the air conditioning vent, so I wear a scarf in the middle of July.',
    'There was a fire drill at eleven and we all stood in the car park for forty minutes.',
    'A colleague keeps booking the big meeting room for one person, nobody knows why.',
    'I have started cycling in on Fridays, mostly so I can skip the queue at the station.',
    'The printer on our floor jams if you even look at it, we have a rota for fixing it.',
    'Our team had a quiz night and we came second to the accounts department, again.',
    'I spend half my day on video calls where somebody is always on mute while talking.',
    'The lift to the fourth floor has been out of order since before the summer holidays.',
    'We moved to hot desking and I still have not found a chair that does not squeak.',
  ],
};

const AGENT_ACKS = [
  'I understand.',
  'That sounds like a lot to deal with.',
  'Oh, I see.',
  'Right, thank you for explaining.',
  'Okay, go on.',
  'Mm-hmm, I am following.',
  'That makes sense.',
  'Thanks for the detail, that helps.',
  'Sure, take your time.',
  'Got it.',
];

/** The themes small talk is drawn from (a data file's `{"ramble": [theme, seed, pairs]}`). */
export const RAMBLE_THEMES: readonly string[] = Object.keys(RAMBLE);
export type RambleTheme = keyof typeof RAMBLE;

/**
 * `pairs` agent/caller exchanges of rambling on a theme, deterministic by seed. A long call is
 * built from these around the one fact that matters.
 */
export function ramble(theme: keyof typeof RAMBLE, seed: number, pairs: number): TurnLine[] {
  const rng = seeded(seed);
  const lines: TurnLine[] = [];
  const pool = RAMBLE[theme] ?? [];
  for (let i = 0; i < pairs; i += 1) {
    lines.push(`a: ${pick(rng, AGENT_ACKS)}`);
    const first = pick(rng, pool);
    const second = rng() < 0.5 ? ` ${pick(rng, pool)}` : '';
    lines.push(`u: ${first}${second === ` ${first}` ? '' : second}`);
  }
  return lines;
}
