import type { TurnLine } from '../eval-types';
import { pick, ramble, seeded } from './filler';

/**
 * A synthetic multi-session benchmark in the style of the public conversational-memory sets:
 * ten long relationships of many sessions each, one speaker the caller, the other the agent (who
 * shares things of its own, which are never the caller's), each session a call with a summary.
 * Questions ask about what the caller said, worded as a person would ask later — often not with
 * the caller's words. Everything is invented.
 */

export interface MultiSessionFact {
  /** What the caller says (one turn). */
  readonly said: string;
  /** A later question about it. */
  readonly q: string;
  /** What a result must contain to answer it (any of). */
  readonly a: readonly string[];
  /** How the session summary puts it, when the summary mentions it. */
  readonly note?: string;
}

export interface MultiSessionPersona {
  readonly caller: string;
  readonly name: string;
  readonly theme: 'move' | 'smarthome' | 'family';
  readonly sessions: number;
  readonly facts: readonly MultiSessionFact[];
  /** What the agent says about itself: distractors that are never the caller's. */
  readonly agentTalk: readonly string[];
}

export const PERSONAS: readonly MultiSessionPersona[] = [
  {
    caller: '+15550190001',
    name: 'Harriet Cole',
    theme: 'family',
    sessions: 22,
    agentTalk: ['My cousin keeps bees, funny enough.', 'I went hiking in the Alps last summer.', 'My dog is terrified of thunder.'],
    facts: [
      {
        said: 'I finally adopted a beagle from the shelter last weekend, we named him Pickles.',
        q: "What is the name of Harriet's dog?",
        a: ['Pickles'],
        note: 'She adopted a beagle.',
      },
      {
        said: 'I work night shifts as a midwife at the county hospital.',
        q: 'What does Harriet do for a living?',
        a: ['midwife'],
        note: 'She talked about her night shifts.',
      },
      {
        said: 'My son Theo just started learning the cello, the noise is something else.',
        q: 'Which instrument is her son learning?',
        a: ['cello'],
      },
      {
        said: 'We are driving to Cornwall in August for my fortieth birthday.',
        q: 'Where is she travelling for her birthday trip?',
        a: ['Cornwall'],
        note: 'She is planning a birthday trip.',
      },
      { said: 'I gave up coffee last month and switched to rooibos tea.', q: 'What does she drink instead of coffee now?', a: ['rooibos'] },
      {
        said: 'My grandmother was born in Valparaíso, in Chile, so I am learning Spanish.',
        q: 'Where was her grandmother from?',
        a: ['Valparaíso', 'Chile'],
      },
      {
        said: 'I ran my first half marathon in one hour fifty-eight.',
        q: 'How fast did Harriet finish the race?',
        a: ['fifty-eight'],
        note: 'She ran a half marathon.',
      },
      {
        said: 'The allotment is mostly squash and runner beans this year.',
        q: 'What vegetables is she growing?',
        a: ['squash', 'runner beans'],
      },
      {
        said: 'I bought a secondhand piano for the living room, an old upright.',
        q: 'What did she purchase for the lounge?',
        a: ['piano'],
      },
      { said: 'My brother Callum lives in Toronto and works as a paramedic.', q: "Where does Harriet's brother live?", a: ['Toronto'] },
    ],
  },
  {
    caller: '+15550190002',
    name: 'Mateo Rinaldi',
    theme: 'move',
    sessions: 24,
    agentTalk: ['I moved flats twice last year myself.', 'My sister is a chef in Naples.', 'I have never been good at DIY.'],
    facts: [
      {
        said: 'We moved from Denver to a little town outside Portland for my wife’s new job.',
        q: 'Which city did Mateo move away from?',
        a: ['Denver'],
        note: 'He moved for his wife’s job.',
      },
      {
        said: 'I am a high school chemistry teacher, so summers are my only real break.',
        q: 'What is his occupation?',
        a: ['chemistry teacher'],
        note: 'He teaches.',
      },
      { said: 'Our twins, Lucia and Marco, turn six in November.', q: 'How old are his children turning?', a: ['six'] },
      {
        said: 'I restore old Vespa scooters in the garage as a hobby.',
        q: 'What does he fix up in his spare time?',
        a: ['Vespa'],
        note: 'He restores scooters.',
      },
      {
        said: 'I am lactose intolerant, so the new pizza place is a bit of a problem for me.',
        q: 'Does Mateo have any food intolerances?',
        a: ['lactose'],
      },
      { said: 'We are saving for a trip to Sicily to see my parents next spring.', q: 'Where do his parents live?', a: ['Sicily'] },
      { said: 'I coach my kids’ soccer team on Saturday mornings.', q: 'What sport does he coach?', a: ['soccer'] },
      {
        said: 'I broke my ankle skiing in February and it still aches when it rains.',
        q: 'How did he get injured?',
        a: ['skiing'],
        note: 'He broke his ankle.',
      },
      { said: 'My favourite band is still Radiohead, I saw them live in 2008.', q: 'Which group does Mateo love?', a: ['Radiohead'] },
      { said: 'We planted a lemon tree in a big pot on the patio.', q: 'What tree did they plant?', a: ['lemon'] },
    ],
  },
  {
    caller: '+15550190003',
    name: 'Ingeborg Sørensen',
    theme: 'smarthome',
    sessions: 20,
    agentTalk: ['I have smart bulbs at home too.', 'My nephew builds robots.', 'I prefer tea to coffee.'],
    facts: [
      {
        said: 'I retired last year after thirty years as an air traffic controller.',
        q: 'What was her career before retiring?',
        a: ['air traffic controller'],
        note: 'She is retired.',
      },
      {
        said: 'My husband Per has Parkinson’s, so the voice controls really help him.',
        q: 'What illness does her husband have?',
        a: ['Parkinson'],
      },
      {
        said: 'We keep three hens in the back garden, they are called Olga, Freya and Dot.',
        q: 'Which animals does Ingeborg keep?',
        a: ['hens'],
      },
      { said: 'I knit sweaters for the church jumble sale every autumn.', q: 'What does she make for the charity sale?', a: ['sweaters'] },
      {
        said: 'Our daughter Kirsten is a marine biologist in Tromsø.',
        q: "What is her daughter's profession?",
        a: ['marine biologist'],
        note: 'Her daughter lives up north.',
      },
      {
        said: 'I am learning to paint watercolours at the community centre on Wednesdays.',
        q: 'Which art class is she taking?',
        a: ['watercolour'],
      },
      { said: 'We drive an old green Volvo that Per refuses to sell.', q: 'What car do they own?', a: ['Volvo'] },
      {
        said: 'My hip replacement is booked for the fourteenth of March.',
        q: 'When is her operation?',
        a: ['fourteenth of March'],
        note: 'She has surgery planned.',
      },
      { said: 'I sing alto in a choir that performs at the cathedral at Christmas.', q: 'What voice part does she sing?', a: ['alto'] },
      { said: 'My grandson Emil just got into veterinary school.', q: 'What is her grandson studying?', a: ['veterinary'] },
    ],
  },
  {
    caller: '+15550190004',
    name: 'Kwame Asante',
    theme: 'family',
    sessions: 26,
    agentTalk: ['I coach a kids football team myself.', 'My wife is an architect.', 'I visited Accra once, years ago.'],
    facts: [
      {
        said: 'I drive a delivery truck for a furniture company, mostly long hauls up the coast.',
        q: 'What is Kwame’s job?',
        a: ['delivery truck', 'truck'],
        note: 'He drives for work.',
      },
      {
        said: 'My daughter Abena won the regional spelling bee last week.',
        q: 'What competition did his daughter win?',
        a: ['spelling bee'],
        note: 'His daughter won a competition.',
      },
      {
        said: 'I am trying to lose weight, the doctor says my blood pressure is too high.',
        q: 'What health problem did the physician mention?',
        a: ['blood pressure'],
      },
      { said: 'We adopted a grey cat called Smokey from my neighbour.', q: 'What pet do they have?', a: ['cat'] },
      {
        said: 'I play the talking drum at the Ghanaian community festival every July.',
        q: 'Which instrument does Kwame perform on?',
        a: ['talking drum'],
      },
      { said: 'My mother is coming over from Kumasi to live with us in the spring.', q: 'Who is moving in with him?', a: ['mother'] },
      {
        said: 'I have been taking night classes in bookkeeping at the college.',
        q: 'What is he studying in the evenings?',
        a: ['bookkeeping'],
        note: 'He goes to night classes.',
      },
      { said: 'Our old minivan finally died so we bought a used Honda Odyssey.', q: 'What vehicle did the family get?', a: ['Odyssey'] },
      { said: 'I am allergic to shellfish, which makes family weddings tricky.', q: 'What can he not eat?', a: ['shellfish'] },
      { said: 'My wife Efua runs a hair salon on Main Street.', q: 'What business does his wife own?', a: ['hair salon'] },
    ],
  },
  {
    caller: '+15550190005',
    name: 'Yuki Tanabe',
    theme: 'move',
    sessions: 21,
    agentTalk: ['I lived in Osaka for a year.', 'My brother plays the violin.', 'I love baking bread.'],
    facts: [
      {
        said: 'I am a freelance illustrator, mostly children’s picture books.',
        q: 'What kind of work does Yuki do?',
        a: ['illustrator'],
        note: 'She illustrates books.',
      },
      {
        said: 'My boyfriend Daniel proposed on the ferry to Vancouver Island.',
        q: 'Where did her partner propose?',
        a: ['ferry', 'Vancouver Island'],
        note: 'She got engaged.',
      },
      { said: 'I grew up in Sapporo, so this mild winter feels strange.', q: 'Which city is Yuki originally from?', a: ['Sapporo'] },
      { said: 'I have a rescue greyhound named Mochi who sleeps all day.', q: 'What breed is her dog?', a: ['greyhound'] },
      { said: 'I started bouldering at the climbing gym twice a week.', q: 'What sport did she take up?', a: ['bouldering', 'climbing'] },
      {
        said: 'My little sister Aiko is studying architecture in Berlin.',
        q: "What subject is Yuki's sister studying?",
        a: ['architecture'],
      },
      { said: 'I am vegetarian, have been since I was fifteen.', q: 'Does she eat meat?', a: ['vegetarian'] },
      {
        said: 'The wedding will be in a vineyard near Kelowna next September.',
        q: 'Where is the wedding venue?',
        a: ['vineyard', 'Kelowna'],
        note: 'Wedding plans are under way.',
      },
      { said: 'I collect vintage fountain pens, I have about forty now.', q: 'What does she collect?', a: ['fountain pens'] },
      { said: 'My studio is in the converted attic, it gets lovely morning light.', q: 'Where does she work from at home?', a: ['attic'] },
    ],
  },
  {
    caller: '+15550190006',
    name: 'Declan Murphy',
    theme: 'smarthome',
    sessions: 23,
    agentTalk: ['I am more of a cat person.', 'My dad was a carpenter.', 'I have never been to Ireland.'],
    facts: [
      {
        said: 'I run a small brewery in the old fire station, we do mostly stouts.',
        q: 'What business does Declan own?',
        a: ['brewery'],
        note: 'He runs a business.',
      },
      {
        said: 'My wife Siobhan is expecting our first baby in May.',
        q: 'When is their child due?',
        a: ['May'],
        note: 'They are expecting a baby.',
      },
      { said: 'I play hurling for the county veterans team.', q: 'Which sport does he play?', a: ['hurling'] },
      {
        said: 'My knee surgery last spring means no more marathons for me.',
        q: 'Why did he stop running long distances?',
        a: ['knee surgery', 'knee'],
      },
      { said: 'We bought a cottage near Galway that needs a new roof.', q: 'Where is the property they purchased?', a: ['Galway'] },
      {
        said: 'I am colour blind, so the coloured status lights are useless to me.',
        q: 'Does he have any vision problems?',
        a: ['colour blind'],
      },
      { said: 'My father Seamus taught me to fish for trout on the Corrib.', q: 'Who taught him fishing?', a: ['Seamus', 'father'] },
      {
        said: 'The brewery’s best seller is an oatmeal stout called Night Shift.',
        q: 'What is their most popular beer called?',
        a: ['Night Shift'],
      },
      {
        said: 'I studied mechanical engineering before I started brewing.',
        q: 'What degree does Declan have?',
        a: ['mechanical engineering'],
      },
      {
        said: 'We are getting a border collie puppy once the baby is settled.',
        q: 'What dog are they planning to get?',
        a: ['border collie'],
      },
    ],
  },
  {
    caller: '+15550190007',
    name: 'Leila Haddadi',
    theme: 'family',
    sessions: 19,
    agentTalk: ['My aunt is a pharmacist too.', 'I grew up near the sea.', 'I am learning Arabic, slowly.'],
    facts: [
      {
        said: 'I am a pharmacist at the hospital, mostly in oncology.',
        q: 'What does Leila do for work?',
        a: ['pharmacist'],
        note: 'She works at the hospital.',
      },
      { said: 'My son Sami has asthma, so we always keep an inhaler in the car.', q: 'What condition does her son have?', a: ['asthma'] },
      {
        said: 'We spent two weeks in Marrakesh visiting my husband’s family.',
        q: 'Where did they go on holiday?',
        a: ['Marrakesh'],
        note: 'They visited family abroad.',
      },
      {
        said: 'I am training for a charity swim across the lake in June.',
        q: 'What event is she preparing for?',
        a: ['charity swim', 'swim'],
      },
      { said: 'My husband Youssef is a civil engineer working on the new bridge.', q: "What is her spouse's job?", a: ['civil engineer'] },
      { said: 'We grow mint and coriander on the kitchen windowsill.', q: 'Which herbs does she grow?', a: ['mint', 'coriander'] },
      {
        said: 'My daughter Nour plays the oud, she performs at school concerts.',
        q: 'What instrument does her daughter play?',
        a: ['oud'],
      },
      { said: 'I finished my master’s degree in clinical pharmacy this year.', q: 'What qualification did she complete?', a: ['master'] },
      {
        said: 'We sold the old flat and bought a terraced house with a garden.',
        q: 'What kind of home do they live in now?',
        a: ['terraced house'],
      },
      { said: 'My mother makes the best maqluba, we have it every Friday.', q: 'What dish does her mum cook?', a: ['maqluba'] },
    ],
  },
  {
    caller: '+15550190008',
    name: 'Piotr Zielinski',
    theme: 'smarthome',
    sessions: 25,
    agentTalk: ['I tried woodworking once and lost a fingernail.', 'My partner is Polish too.', 'I do not like the cold.'],
    facts: [
      {
        said: 'I build custom guitars in my workshop, mostly acoustic ones.',
        q: 'What does Piotr make in his workshop?',
        a: ['guitars'],
        note: 'He builds instruments.',
      },
      {
        said: 'My daughter Zofia is doing her PhD in astrophysics in Kraków.',
        q: "What is his daughter's field of research?",
        a: ['astrophysics'],
      },
      {
        said: 'I had a heart attack two years ago, so I walk five kilometres every morning now.',
        q: 'What medical event did Piotr have?',
        a: ['heart attack'],
        note: 'He exercises every morning.',
      },
      {
        said: 'We keep a vegetable plot and mostly grow beetroot and cabbage for borscht.',
        q: 'What crops does he grow?',
        a: ['beetroot', 'cabbage'],
      },
      { said: 'My wife Ewa teaches piano at the conservatory.', q: 'Where does his wife work?', a: ['conservatory'] },
      { said: 'I am restoring a 1974 Fiat 126 for my grandson.', q: 'What car is he fixing up?', a: ['Fiat'] },
      {
        said: 'We spend every Christmas at my brother’s farm in the Tatra mountains.',
        q: 'Where do they go for the holidays?',
        a: ['Tatra', 'farm'],
      },
      { said: 'I used to be a welder in the shipyard in Gdynia.', q: 'What was his old job?', a: ['welder'] },
      { said: 'I am diabetic, so I watch the sugar in everything.', q: 'Does Piotr have any chronic illness?', a: ['diabetic'] },
      {
        said: 'My grandson Kuba is learning to play the drums, which the neighbours love.',
        q: 'Which instrument is his grandson learning?',
        a: ['drums'],
      },
    ],
  },
  {
    caller: '+15550190009',
    name: 'Amara Obi',
    theme: 'move',
    sessions: 20,
    agentTalk: ['I am a terrible cook.', 'My sister lives in Lagos.', 'I run every weekend.'],
    facts: [
      {
        said: 'I just started a new job as a software tester at an insurance firm.',
        q: "What is Amara's new position?",
        a: ['software tester'],
        note: 'She started a new job.',
      },
      {
        said: 'I am doing an evening course in French because we might move to Montreal.',
        q: 'Which language is she learning?',
        a: ['French'],
      },
      { said: 'My partner Chidi is a nurse on the children’s ward.', q: 'What does her partner do?', a: ['nurse'] },
      { said: 'I have two rabbits, Jollof and Puff-Puff, they live in the kitchen.', q: 'What animals does Amara have?', a: ['rabbits'] },
      { said: 'I sing in the gospel choir at my church on Sundays.', q: 'What kind of choir is she in?', a: ['gospel'] },
      { said: 'I am allergic to cats, which makes visiting my aunt hard.', q: 'Does she have any allergies?', a: ['cats'] },
      {
        said: 'We went to Zanzibar for our anniversary and I learned to snorkel.',
        q: 'Where did they celebrate their anniversary?',
        a: ['Zanzibar'],
        note: 'They celebrated their anniversary.',
      },
      { said: 'My dad was a civil servant in Enugu for thirty years.', q: 'Where did her father work?', a: ['Enugu'] },
      { said: 'I am saving up for a deposit on a two-bed flat.', q: 'What is she saving money for?', a: ['deposit', 'flat'] },
      { said: 'My little brother Emeka plays basketball for his university.', q: 'Which sport does her brother play?', a: ['basketball'] },
    ],
  },
  {
    caller: '+15550190010',
    name: 'Rosalind Finch',
    theme: 'family',
    sessions: 22,
    agentTalk: ['I used to live in Edinburgh.', 'My grandad kept pigeons.', 'I love crosswords.'],
    facts: [
      {
        said: 'I retired from teaching primary school after thirty-five years.',
        q: 'What was her job before retirement?',
        a: ['teaching', 'primary school'],
        note: 'She is a retired teacher.',
      },
      { said: 'My late husband Gerald built the greenhouse we still use.', q: 'Who built the glasshouse?', a: ['Gerald', 'husband'] },
      { said: 'I volunteer at the lifeboat station shop on Tuesdays.', q: 'Where does Rosalind volunteer?', a: ['lifeboat'] },
      {
        said: 'My granddaughter Poppy is getting married in a castle in Scotland.',
        q: 'Where is the family wedding taking place?',
        a: ['castle', 'Scotland'],
        note: 'A family wedding is coming up.',
      },
      { said: 'I had cataract surgery on my left eye in January.', q: 'What operation did she have?', a: ['cataract'] },
      { said: 'I play bridge at the village hall every Thursday afternoon.', q: 'What card game does she play?', a: ['bridge'] },
      { said: 'My son Edward lives in Perth, Australia, and works as a geologist.', q: 'What does her son do?', a: ['geologist'] },
      { said: 'I bought an electric tricycle to get to the shops.', q: 'How does she get to the shops now?', a: ['tricycle'] },
      {
        said: 'I am writing a history of the village for the parish newsletter.',
        q: 'What is Rosalind writing?',
        a: ['history of the village', 'history'],
      },
      { said: 'I keep a border terrier called Biscuit who hates the postman.', q: 'What breed is her dog?', a: ['border terrier'] },
    ],
  },
];

export interface BenchmarkSession {
  readonly at: string;
  readonly turns: readonly TurnLine[];
  readonly summary: string;
}

const OPENERS = [
  'Hi, it is me again, just calling to check in.',
  'Hello! I had a few minutes so I thought I would call.',
  'Hey, sorry it has been a while.',
  'Hi there, quick call today, I am on my lunch break.',
  'Morning! Lots has happened since we last spoke.',
];

/**
 * The sessions of one persona: every session rambles on the persona's theme; the facts are spread
 * over the sessions, one turn each; the agent adds talk of its own. Sessions are two weeks apart.
 */
export function sessionsOf(persona: MultiSessionPersona, index: number, start = Date.parse('2025-01-06T18:00:00Z')): BenchmarkSession[] {
  const rng = seeded(1000 + index);
  const factAt = new Map<number, MultiSessionFact[]>();
  persona.facts.forEach((fact, i) => {
    const session = Math.min(persona.sessions - 1, Math.floor(((i + 0.5) * persona.sessions) / persona.facts.length));
    factAt.set(session, [...(factAt.get(session) ?? []), fact]);
  });
  const sessions: BenchmarkSession[] = [];
  for (let s = 0; s < persona.sessions; s += 1) {
    const turns: TurnLine[] = ['a: Hello, Companion Line, lovely to hear from you.', `u: ${pick(rng, OPENERS)}`];
    const talk = ramble(persona.theme, 5000 + index * 100 + s, 6 + Math.floor(rng() * 6));
    const facts = factAt.get(s) ?? [];
    const insertAt = facts.map(() => 2 * Math.floor(rng() * (talk.length / 2)));
    talk.forEach((line, i) => {
      turns.push(line);
      facts.forEach((fact, f) => {
        if (insertAt[f] === i) turns.push('a: Oh? Tell me more.', `u: ${fact.said}`);
      });
      if (i === 4 && rng() < 0.6) turns.push(`a: ${pick(rng, persona.agentTalk)}`, 'u: Ha, is that right.');
    });
    turns.push('a: It was lovely talking to you. Speak soon!', 'u: Bye for now.');
    const notes = facts.map((f) => f.note).filter((n): n is string => n !== undefined);
    const summary = `${persona.name} called for a catch-up and talked about everyday life.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`;
    sessions.push({ at: new Date(start + s * 14 * 86_400_000).toISOString(), turns, summary });
  }
  return sessions;
}
