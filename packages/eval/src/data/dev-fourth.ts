import type { EvalCase } from '../eval-types';
import { ramble } from './filler';

/**
 * The dev half's fourth round (issue 18): written before any rule of that round changed, in the
 * classes whose figures were lowest (long calls with one fact said in passing, noisy ASR, spelled
 * and corrected names, numbers and dates), with new people, trades and wording: questions put as
 * the agent's model would put them mid-call, rarely with the caller's words (a boiler's pressure
 * asked as "what does the gauge say", a child's school as "where do the kids go"). Everything is
 * invented.
 */
export const DEV_FOURTH_CASES: readonly EvalCase[] = [
  // ── long calls ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-long-5',
    category: 'long_calls',
    agent: 'support',
    caller: '+447700900541',
    calls: [
      {
        at: '2026-09-03T15:10:00Z',
        turns: [
          'a: Pinewood Pharmacy repeat prescriptions, who am I speaking to?',
          'u: Hello, this is Gwen Tallis, I am calling about my repeat order.',
          'a: Of course, Gwen. How have things been?',
          ...ramble('family', 51, 22),
          'a: Before I forget, any changes to your medication since last time?',
          'u: Yes, the GP put me on warfarin in July, so nothing with aspirin in it please.',
          ...ramble('family', 52, 22),
          'a: Your order will be ready for collection on Friday.',
          'u: Lovely, my grandson will pick it up.',
        ],
        summary: 'Gwen Tallis called about her repeat prescription order; it will be ready for collection on Friday.',
      },
    ],
    expect: { name: 'Gwen Tallis', facts: ['Gwen Tallis'] },
    questions: [
      { q: 'is she on any blood thinners?', a: 'warfarin' },
      { q: 'which painkiller must she avoid?', a: 'aspirin' },
      { q: 'who is collecting the prescription?', a: 'grandson' },
      { q: 'what is her NHS number?', a: null },
    ],
  },
  {
    id: 'dev-long-6',
    category: 'long_calls',
    agent: 'technical',
    caller: '+15550240542',
    calls: [
      {
        at: '2026-03-18T19:40:00Z',
        turns: [
          'a: Hearthwise heating support, can I have your name please?',
          "u: Sure, it's Obinna Eze. The boiler keeps cutting out.",
          'a: Sorry to hear that. Tell me what happens.',
          ...ramble('smarthome', 53, 20),
          'a: What does the pressure gauge on the front read right now?',
          'u: It is sitting just under half a bar, the needle is in the red zone.',
          ...ramble('smarthome', 54, 20),
          'a: That is too low; I will walk you through topping it up, and book an engineer if it drops again.',
          'u: Thanks, the kids have been having cold showers all week.',
        ],
        summary:
          'Obinna Eze’s boiler kept cutting out because its pressure was too low; the agent talked him through topping it up and will book an engineer if it drops again.',
      },
    ],
    expect: { name: 'Obinna Eze', facts: ['Obinna Eze'] },
    questions: [
      { q: 'what did the gauge say?', a: ['half a bar', 'under half'] },
      { q: 'what is wrong with his heating?', a: ['cutting out', 'pressure'] },
      { q: 'how old is the boiler?', a: null },
    ],
  },

  // ── noisy ASR ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-noisy-asr-5',
    category: 'noisy_asr',
    agent: 'support',
    caller: '+15550240543',
    calls: [
      {
        at: '2026-04-07T11:25:00Z',
        turns: [
          'a: Brightwater Energy, you are through to billing, may I have your name?',
          'u: yeah hi its um its dolores uh dolores ferreira',
          'a: Thanks Dolores, what can I do for you today?',
          'u: i i got a letter saying im in arrears but i i pay by direct debit every month on the fifth so like that cant be right',
          'a: Let me check. I can see the debit bounced in March because the bank details changed.',
          'u: oh right yeah i switched to monzo in february i totally forgot to tell you guys',
          'a: No problem, I have updated it and the arrears notice is cancelled.',
        ],
        summary:
          'Dolores Ferreira received an arrears letter; her March direct debit had bounced because she changed banks in February. The agent updated her bank details and cancelled the notice.',
      },
    ],
    expect: { name: 'Dolores Ferreira', facts: ['Dolores Ferreira'] },
    questions: [
      { q: 'which bank does she use now?', a: ['monzo'] },
      { q: 'what day of the month is she charged?', a: ['fifth', '5th'] },
      { q: 'why did her payment fail?', a: ['bank details changed', 'changed banks', 'switched'] },
      { q: 'does she have a smart meter?', a: null },
    ],
  },
  {
    id: 'dev-noisy-asr-6',
    category: 'noisy_asr',
    agent: 'sales',
    caller: '+15550240544',
    calls: [
      {
        at: '2026-07-21T14:05:00Z',
        turns: [
          'a: Harbor Kitchens design team, who have I got on the line?',
          'u: hey uh this is this is tobias lindqvist',
          'a: Hi Tobias, what are you planning?',
          'u: so we want to like gut the whole kitchen um new cabinets an island the works and uh my wife really wants a gas hob not induction',
          'a: Nice. Do you have a figure in mind?',
          'u: um somewhere around uh twenty five k maybe thirty tops',
          'a: And when would you like the work done?',
          'u: before uh before the baby comes in november ideally',
        ],
        summary:
          'Tobias Lindqvist wants a full kitchen renovation (new cabinets, an island, a gas hob) for around 25 to 30 thousand, finished before the baby is due in November.',
      },
    ],
    expect: { name: 'Tobias Lindqvist', facts: ['Tobias Lindqvist', ['25', '30', 'twenty five']] },
    questions: [
      { q: 'what kind of cooktop do they want?', a: ['gas hob', 'gas'] },
      { q: 'what is the upper limit of their budget?', a: ['thirty', '30'] },
      { q: 'why is there a deadline?', a: ['baby'] },
      { q: 'what colour are the cabinets?', a: null },
    ],
  },

  // ── spelled and corrected names ─────────────────────────────────────────────────────────────
  {
    id: 'dev-spelled-5',
    category: 'spelled_corrected',
    agent: 'support',
    caller: '+447700900545',
    calls: [
      {
        at: '2026-02-19T09:50:00Z',
        turns: [
          'a: Good morning, Lakeside Dental, who am I speaking with?',
          "u: Morning, it's Siobhan Kearney.",
          'a: Thanks Shivon, is that S-H-I-V-O-N?',
          "u: No, it's the Irish spelling, S-I-O-B-H-A-N.",
          'a: Got it, Siobhan. What can we do for you?',
          'u: I chipped a front tooth on a cherry stone at the weekend and it is really sensitive to cold.',
          'a: We can see you tomorrow at ten with Dr Hale.',
          'u: Perfect, I will take the morning off.',
        ],
        summary:
          'Shivon Kearney chipped a front tooth on a cherry stone and it is sensitive to cold; she is booked tomorrow at 10 am with Dr Hale.',
      },
    ],
    expect: { name: 'Siobhan Kearney', facts: ['Siobhan Kearney'] },
    questions: [
      { q: 'how did she damage her tooth?', a: ['cherry stone', 'chipped'] },
      { q: 'which dentist is she seeing?', a: 'Hale' },
      { q: 'is she insured?', a: null },
    ],
  },
  {
    id: 'dev-spelled-6',
    category: 'spelled_corrected',
    agent: 'sales',
    caller: '+15550240546',
    calls: [
      {
        at: '2026-10-28T16:30:00Z',
        turns: [
          'a: Summit Roofing, who am I speaking with today?',
          'u: hi this is jon petersen',
          'a: Thanks John. Is that Peterson with an O?',
          'u: no its s e n at the end, p e t e r s e n, and jon has no h',
          'a: Got it, Jon Petersen. What can we help with?',
          'u: we lost about a dozen slates in the storm last week and theres a leak over the back bedroom',
          'a: We can quote for a repair. Do you have an insurer involved?',
          'u: yeah aviva, they said they cover up to two thousand',
        ],
        summary:
          'John Peterson lost about a dozen slates in last week’s storm and has a leak over the back bedroom; his insurer Aviva covers up to £2,000.',
      },
    ],
    expect: { name: 'Jon Petersen', facts: ['Jon Petersen'] },
    questions: [
      { q: 'how many tiles came off the roof?', a: ['dozen', '12'] },
      { q: 'who is his insurance with?', a: 'aviva' },
      { q: 'which room has water coming in?', a: ['back bedroom', 'bedroom'] },
      { q: 'when was the roof last replaced?', a: null },
    ],
  },

  // ── numbers and dates ───────────────────────────────────────────────────────────────────────
  {
    id: 'dev-numbers-5',
    category: 'numbers_dates',
    agent: 'sales',
    caller: '+15550240547',
    calls: [
      {
        at: '2026-05-04T10:15:00Z',
        turns: [
          'a: Northstar Fleet Leasing, who am I talking to?',
          "u: Hi, it's Renata Szabo from Szabo Florists.",
          'a: Hi Renata, what are you looking for?',
          'u: We need three refrigerated vans, ideally on a thirty-six month lease.',
          'a: And a monthly figure you would like to stay under?',
          'u: Around seventeen hundred a month for all three together.',
          'a: When would you need them on the road?',
          "u: Before Mother's Day next year, that's our busiest week by miles.",
        ],
        summary:
          'Renata Szabo of Szabo Florists wants three refrigerated vans on a 36-month lease for about $1,700 a month in total, on the road before Mother’s Day next year.',
      },
    ],
    expect: { name: 'Renata Szabo', facts: ['Renata Szabo', ['1,700', '1700', 'seventeen hundred']] },
    questions: [
      { q: 'how many vehicles does she need?', a: ['three', '3'] },
      { q: 'how long should the contract run?', a: ['thirty-six month', '36-month', '36 month'] },
      { q: 'what monthly payment is she aiming for?', a: ['seventeen hundred', '1,700'] },
      { q: 'by when must the vans be delivered?', a: ["Mother's Day", 'Mother’s Day'] },
      { q: 'does she want electric vans?', a: null },
    ],
  },
  {
    id: 'dev-numbers-6',
    category: 'numbers_dates',
    agent: 'support',
    caller: '+447700900548',
    calls: [
      {
        at: '2026-11-16T13:00:00Z',
        turns: [
          'a: Clearview Opticians, how can I help?',
          "u: Hello, it's Amos Whitlock. My varifocals broke and I'm driving to Scotland a week on Saturday.",
          'a: Oh dear. We can have a new pair ready in about eight working days.',
          'u: That is cutting it fine. I paid two hundred and forty pounds for these only last spring.',
          'a: They are still under the twelve-month guarantee, so the replacement is free.',
          'u: Oh, that is a relief.',
        ],
        summary:
          'Amos Whitlock’s varifocals broke; he drives to Scotland a week on Saturday. A free replacement under the 12-month guarantee will take about eight working days.',
      },
    ],
    expect: { name: 'Amos Whitlock', facts: ['Amos Whitlock'] },
    questions: [
      { q: 'how much were his glasses?', a: ['two hundred and forty', '240'] },
      { q: 'how long will the new pair take?', a: ['eight working days', '8 working days'] },
      { q: 'when is he travelling?', a: ['a week on Saturday', 'Saturday'] },
      { q: 'where is he going?', a: 'Scotland' },
      { q: 'what is his prescription?', a: null },
    ],
  },
];
