import type { EvalCase } from '../eval-types';
import { ramble } from './filler';

/**
 * The holdout half: written with the dev half, before any tuning, and never read while tuning.
 * Different people, wording and languages from the dev half. Everything here is invented.
 */
export const HOLDOUT_CASES: readonly EvalCase[] = [
  // ── diacritics ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'holdout-diacritics-1',
    category: 'diacritics',
    agent: 'support',
    caller: '+46701000201',
    calls: [
      {
        at: '2026-09-15T07:50:00Z',
        turns: [
          'a: Nordvik Bank customer service, good morning. May I have your name?',
          'u: Good morning, Åsa Lindqvist speaking.',
          'a: Thank you, Åsa. What can I do for you?',
          'u: My debit card was swallowed by an ATM in Malmö on Sunday, I need a replacement.',
          'a: I have blocked it and ordered a new card, it will arrive in five working days.',
          'u: Good. Please post the PIN letter to the address you have, and email me when it ships.',
        ],
        summary:
          'Åsa Lindqvist lost her debit card to an ATM in Malmö; the agent blocked it and ordered a replacement, arriving in five working days. She wants an email when it ships.',
      },
    ],
    expect: { name: 'Åsa Lindqvist', facts: ['Åsa Lindqvist', 'email'] },
    questions: [
      { q: 'what happened to her bank card?', a: ['swallowed', 'ATM'] },
      { q: 'in which city?', a: 'Malmö' },
      { q: 'what is her credit limit?', a: null },
    ],
  },
  {
    id: 'holdout-diacritics-2',
    category: 'diacritics',
    agent: 'technical',
    caller: '+84901000202',
    calls: [
      {
        at: '2026-07-28T04:10:00Z',
        turns: [
          'a: Orbital Networks technical support. Who is calling?',
          'u: Hello, my name is Trần Thị Mai. I manage the office network for a travel agency.',
          'a: Thanks. What seems to be the issue?',
          'u: Since Monday our VPN drops every twenty minutes with error 809 on the Windows 11 laptops.',
          'a: Have you changed anything recently?',
          'u: I updated the firewall firmware last Friday, that is the only change.',
        ],
        summary:
          'Trần Thị Mai, who manages a travel agency network, reports VPN drops every twenty minutes with error 809 on Windows 11 laptops since a firewall firmware update last Friday.',
      },
    ],
    expect: { name: 'Trần Thị Mai', facts: ['Trần Thị Mai', '809'] },
    questions: [
      { q: 'how often does the tunnel disconnect?', a: ['twenty minutes', '20 minutes'] },
      { q: 'what changed before the problem started?', a: 'firewall' },
      { q: 'how many staff work at the agency?', a: null },
    ],
  },

  // ── non-English introductions ───────────────────────────────────────────────────────────────
  {
    id: 'holdout-non-english-1',
    category: 'non_english',
    agent: 'support',
    caller: '+33700000203',
    calls: [
      {
        at: '2026-05-06T14:00:00Z',
        language: 'fr',
        turns: [
          'a: Bonjour, service client Azur Mobile, à qui ai-je l’honneur ?',
          'u: Bonjour, je m’appelle Hélène Marchetti.',
          'a: Merci Madame. Que puis-je faire pour vous ?',
          'u: Ma facture de ce mois est beaucoup trop élevée, on me facture des appels vers l’étranger que je n’ai jamais passés.',
          'a: Je vois ces appels, je lance une contestation et je suspends le paiement.',
          'u: Merci. Vous pouvez m’envoyer un SMS quand c’est réglé ?',
        ],
        summary:
          'The caller disputed international calls on this month’s bill that she never made. The agent opened a dispute, suspended the payment and will confirm by text message.',
      },
    ],
    expect: { name: 'Hélène Marchetti', facts: ['Hélène Marchetti'] },
    questions: [
      { q: 'what was wrong with her invoice?', a: ['international', 'étranger'] },
      { q: 'what did the agent do about it?', a: ['dispute', 'contestation'] },
      { q: 'which handset does she use?', a: null },
    ],
  },
  {
    id: 'holdout-non-english-2',
    category: 'non_english',
    agent: 'sales',
    caller: '+351912000204',
    calls: [
      {
        at: '2026-04-14T10:20:00Z',
        language: 'pt',
        turns: [
          'a: Bom dia, Casa Solar Lisboa, em que posso ajudar?',
          'u: Bom dia, o meu nome é João Gonçalves.',
          'a: Muito prazer, João. O que procura?',
          'u: Queremos painéis solares para a casa de férias no Algarve, temos cerca de 9.500 € disponíveis.',
          'a: E para quando?',
          'u: Antes do verão, se possível.',
        ],
        summary: 'João Gonçalves wants solar panels for his holiday home in the Algarve, with about €9,500 available, before summer.',
      },
    ],
    expect: { name: 'João Gonçalves', facts: ['João Gonçalves', ['€9,500', '9.500 €']] },
    questions: [
      { q: 'where is the property?', a: 'Algarve' },
      { q: 'what kind of house is it?', a: ['holiday', 'férias'] },
      { q: 'is he married?', a: null },
    ],
  },

  {
    id: 'holdout-non-english-3',
    category: 'non_english',
    agent: 'technical',
    caller: '+393331000225',
    calls: [
      {
        at: '2026-10-22T08:15:00Z',
        language: 'it',
        turns: [
          'a: Buongiorno, assistenza tecnica Fibralink. Con chi parlo?',
          'u: Buongiorno, sono Lorenzo Bianchi, chiamo per il modem.',
          'a: Mi dica, Lorenzo.',
          'u: Da ieri sera la luce DSL lampeggia e non navigo, ho già riavviato il modem due volte.',
          'a: Vedo un guasto sulla linea, mando un tecnico domani mattina.',
        ],
        summary:
          'The caller has had no internet since last night with the DSL light blinking; he restarted the modem twice. A line fault was found and a technician will visit tomorrow morning.',
      },
    ],
    expect: { name: 'Lorenzo Bianchi', facts: ['Lorenzo Bianchi'] },
    questions: [
      { q: 'which light is flashing?', a: 'DSL' },
      { q: 'what did the agent arrange?', a: ['technician', 'tecnico'] },
      { q: 'what speed is his plan?', a: null },
    ],
  },

  // ── noisy ASR ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'holdout-noisy-asr-1',
    category: 'noisy_asr',
    agent: 'support',
    caller: '+15550100205',
    calls: [
      {
        at: '2026-06-12T21:40:00Z',
        turns: [
          'a: Thanks for calling Vista Streaming. Who am I speaking with?',
          'u: hey um yeah its uh its kofi kofi mensah',
          'a: Thanks Kofi. What is going on?',
          'u: so like the the app just keeps buffering on the tv um every like five minutes and uh its been like that all week',
          'a: I will reset your device session. Are you on the family plan?',
          'u: yeah uh yeah the family plan',
        ],
        summary:
          'The caller, on the family plan, reports constant buffering on the TV app every few minutes all week; the agent reset the device session.',
      },
    ],
    expect: { name: 'Kofi Mensah', facts: ['Kofi Mensah', 'family'] },
    questions: [
      { q: 'what problem does he have with the streaming?', a: 'buffering' },
      { q: 'which device is affected?', a: ['tv', 'TV'] },
      { q: 'what is his favourite show?', a: null },
    ],
  },
  {
    id: 'holdout-noisy-asr-2',
    category: 'noisy_asr',
    agent: 'sales',
    caller: '+15550100206',
    calls: [
      {
        at: '2026-02-03T16:05:00Z',
        turns: [
          'a: Good afternoon, Summit RV Sales. Can I grab your name?',
          'u: uh yes hi its its ingrid uh ingrid solberg',
          'a: Hi Ingrid. What are you looking for?',
          'u: um we want like a used camper van for um for the summer you know nothing fancy maybe uh fifty thousand',
          'a: We have a few in that range. When do you need it?',
          'u: uh by may i guess',
        ],
        summary: 'The caller wants a used camper van for the summer, budget around $50,000, by May.',
      },
    ],
    expect: { name: 'Ingrid Solberg', facts: ['Ingrid Solberg', '$50,000', 'May'] },
    questions: [
      { q: 'what vehicle is she shopping for?', a: 'camper' },
      { q: 'new or second hand?', a: 'used' },
      { q: 'how many people will travel in it?', a: null },
    ],
  },

  // ── spelled / corrected names ───────────────────────────────────────────────────────────────
  {
    id: 'holdout-spelled-1',
    category: 'spelled_corrected',
    agent: 'support',
    caller: '+15550100207',
    calls: [
      {
        at: '2026-08-24T13:15:00Z',
        turns: [
          'a: Hi, Cedar Health billing. Can I have your name?',
          "u: Yeah, it's Katherine Brandt.",
          'a: Katherine with a K?',
          "u: Actually it's Catherine with a C, people always get that wrong. Catherine Brandt.",
          'a: Sorry about that. What is the question?',
          'u: I got a bill for a blood test that my insurance should have covered.',
        ],
        summary: 'The caller received a bill for a blood test her insurance should have covered; the agent will resubmit the claim.',
      },
    ],
    expect: { name: 'Catherine Brandt', facts: ['Catherine Brandt'] },
    questions: [
      { q: 'what medical test was she billed for?', a: 'blood test' },
      { q: 'who should have paid?', a: 'insurance' },
      { q: 'what is her insurer called?', a: null },
    ],
  },
  {
    id: 'holdout-spelled-2',
    category: 'spelled_corrected',
    agent: 'technical',
    caller: '+15550100208',
    calls: [
      {
        at: '2026-11-02T17:30:00Z',
        turns: [
          'a: Apex Routers support, may I have your first and last name?',
          'u: Ravi Subramaniam.',
          'a: Could you spell the last name for me?',
          'u: S-U-B-R-A-M-A-N-I-A-M.',
          'a: Thanks Ravi. What is happening?',
          'u: The mesh node upstairs shows a solid orange light and never joins the network.',
        ],
        summary:
          'The caller says the upstairs mesh node shows a solid orange light and never joins the network. The agent suggested re-pairing it.',
      },
    ],
    expect: { name: 'Ravi Subramaniam', facts: ['Ravi Subramaniam'] },
    questions: [
      { q: 'what colour is the light on the node?', a: 'orange' },
      { q: 'where is the faulty unit?', a: 'upstairs' },
      { q: 'what internet provider does he use?', a: null },
    ],
  },

  // ── other people named ──────────────────────────────────────────────────────────────────────
  {
    id: 'holdout-other-people-1',
    category: 'other_people',
    agent: 'support',
    caller: '+15550100209',
    calls: [
      {
        at: '2026-10-19T12:00:00Z',
        turns: [
          'a: Meadowbrook Veterinary, how can I help?',
          "u: Hi, my daughter Sophie normally books for us but she's at university now. I'm Gareth Pryce.",
          'a: Hi Gareth. Which pet is it about?',
          'u: Our spaniel, Bramble. Dr. Okafor saw him last month for his ears and they are red again.',
          'a: I can book him in with Dr. Okafor tomorrow at ten.',
          'u: Lovely, ring me on this number if anything changes.',
        ],
        summary:
          'Gareth Pryce (whose daughter Sophie usually books) asked for an appointment for their spaniel Bramble, whose ears are red again after Dr. Okafor treated them last month. Booked tomorrow at ten.',
      },
    ],
    expect: { name: 'Gareth Pryce', facts: ['Gareth Pryce', 'phone'] },
    questions: [
      { q: 'what breed is the dog?', a: 'spaniel' },
      { q: 'what is wrong with the pet?', a: 'ears' },
      { q: 'how old is the dog?', a: null },
    ],
  },
  {
    id: 'holdout-other-people-2',
    category: 'other_people',
    agent: 'sales',
    caller: '+15550100210',
    calls: [
      {
        at: '2026-03-30T15:30:00Z',
        turns: [
          'a: Hello, Lakeside Motors sales. Who am I speaking with?',
          'u: Hi, Tomasz Nowicki. My colleague Aisha Rahman recommended you, she bought a van here last year.',
          'a: Great to hear. What are you after?',
          'u: An electric hatchback for commuting. My wife Magda earns more than me, ha, but the budget for the car is 27 thousand.',
          'a: We have two models at that price.',
          'u: Send me the details by email.',
        ],
        summary:
          'Tomasz Nowicki, referred by his colleague Aisha Rahman, wants an electric hatchback for commuting with a budget of $27,000 and asked for details by email.',
      },
    ],
    expect: { name: 'Tomasz Nowicki', facts: ['Tomasz Nowicki', '$27,000'] },
    questions: [
      { q: 'who referred him?', a: 'Aisha' },
      { q: 'what will he use the car for?', a: 'commuting' },
      { q: 'what colour does he prefer?', a: null },
    ],
  },

  // ── agent names ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'holdout-agent-names-1',
    category: 'agent_names',
    agent: 'technical',
    caller: '+15550100211',
    calls: [
      {
        at: '2026-05-21T09:30:00Z',
        agentName: 'Nova',
        turns: [
          "a: You're through to Nova, Skyline Printers' support assistant. What can I help with?",
          'u: Hey Nova, my label printer prints blank labels since the last driver update.',
          'a: Let us roll the driver back to version 3.8. Are you on macOS?',
          'u: Yes, macOS 14. Thanks Nova, you are a lifesaver. Priyanka on the chat told me to reinstall but that did nothing.',
          'a: After the rollback it should print normally.',
        ],
        summary:
          'The caller’s label printer printed blank labels after a driver update on macOS 14; Nova rolled the driver back to version 3.8.',
      },
    ],
    expect: { name: null, facts: [] },
    questions: [
      { q: 'what is wrong with the printer?', a: 'blank' },
      { q: 'which operating system does the caller use?', a: 'macOS' },
      { q: 'how many printers does the caller own?', a: null },
    ],
  },
  {
    id: 'holdout-agent-names-2',
    category: 'agent_names',
    agent: 'support',
    caller: '+15550100212',
    calls: [
      {
        at: '2026-12-09T18:45:00Z',
        agentName: 'Leo',
        turns: [
          'a: Hi there, my name is Leo and I will be helping you today at Fairway Gyms.',
          'u: Hi Leo. I want to freeze my membership for two months, I broke my wrist.',
          'a: Sorry to hear that. I can freeze it from tomorrow. Can I take your name?',
          'u: Sure, Marisol Ibarra.',
          'a: Thanks Marisol, it is frozen until February.',
        ],
        summary: 'Leo froze Marisol Ibarra’s gym membership for two months after she broke her wrist.',
      },
    ],
    expect: { name: 'Marisol Ibarra', facts: ['Marisol Ibarra'] },
    questions: [
      { q: 'why did she pause her membership?', a: 'wrist' },
      { q: 'for how long?', a: 'two months' },
      { q: 'which classes does she attend?', a: null },
    ],
  },

  // ── outbound ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'holdout-outbound-1',
    category: 'outbound',
    agent: 'support',
    caller: '+15550100213',
    calls: [
      {
        at: '2026-04-28T14:10:00Z',
        direction: 'outbound',
        agentName: 'Robin',
        turns: [
          'a: Hello, this is Robin from Northgate Water. Could I speak to Mr. Adeyemi, please?',
          'u: This is he.',
          'a: We detected a possible leak after your meter, usage has tripled since the weekend.',
          'u: Oh no, that might be the garden tap, it has been dripping.',
          'a: Please check it and call us back. Would email or phone be best for updates?',
          'u: Phone, I rarely check email.',
        ],
        summary:
          'Robin from Northgate Water called Mr. Adeyemi about a possible leak after the meter (usage tripled); he suspects the dripping garden tap. Prefers phone updates.',
      },
    ],
    expect: { name: 'Adeyemi', facts: ['Adeyemi', 'phone'] },
    questions: [
      { q: 'what might be causing the leak?', a: 'garden tap' },
      { q: 'how much has his water use gone up?', a: 'tripled' },
      { q: 'how many bathrooms does he have?', a: null },
    ],
  },
  {
    id: 'holdout-outbound-2',
    category: 'outbound',
    agent: 'sales',
    caller: '+393401000214',
    calls: [
      {
        at: '2026-09-08T08:40:00Z',
        direction: 'outbound',
        turns: [
          'a: Buongiorno, parlo con la signora Giulia Ferraro?',
          'u: Sì, sono io.',
          'a: Sono Chiara di Verde Giardini, la chiamo per il preventivo del giardino pensile.',
          'u: Ah sì. Il nostro budget è di circa 7.000 euro e vorremmo finire entro settembre.',
          'a: Perfetto, le mando una proposta.',
        ],
        summary:
          'Chiara from Verde Giardini called Giulia Ferraro about a roof garden quote; budget about €7,000, to be finished by September.',
      },
    ],
    expect: { name: 'Giulia Ferraro', facts: ['Giulia Ferraro', ['€7,000', '7.000 euro']] },
    questions: [
      { q: 'what kind of garden is she planning?', a: ['roof garden', 'pensile'] },
      { q: 'when should it be done?', a: ['September', 'settembre'] },
      { q: 'how big is her terrace?', a: null },
    ],
  },

  // ── paraphrased questions ───────────────────────────────────────────────────────────────────
  {
    id: 'holdout-paraphrased-1',
    category: 'paraphrased',
    agent: 'support',
    caller: '+15550100215',
    calls: [
      {
        at: '2026-07-17T10:00:00Z',
        turns: [
          'a: Globetrail Travel, who am I speaking with?',
          'u: Hi, Yusuf Demir. I booked a journey to Lisbon for my parents’ anniversary and the hotel cancelled on us.',
          'a: I am so sorry. I can rebook a similar hotel in the Alfama district at no extra cost.',
          'u: Please do. My mother uses a wheelchair, so it must have step-free access.',
          'a: Noted, I will only pick accessible rooms.',
        ],
        summary:
          'Yusuf Demir’s Lisbon hotel for his parents’ anniversary trip was cancelled; the agent will rebook an accessible hotel in Alfama at no extra cost.',
      },
    ],
    expect: { name: 'Yusuf Demir', facts: ['Yusuf Demir'] },
    questions: [
      { q: 'where is the trip to?', a: 'Lisbon' },
      { q: 'what accessibility needs does the family have?', a: ['wheelchair', 'step-free'] },
      { q: 'what is the occasion for the holiday?', a: 'anniversary' },
      { q: 'how long is the stay?', a: null },
    ],
  },
  {
    id: 'holdout-paraphrased-2',
    category: 'paraphrased',
    agent: 'sales',
    caller: '+15550100216',
    calls: [
      {
        at: '2026-02-25T13:50:00Z',
        turns: [
          'a: Hello, Brightpath Careers. Who is this?',
          'u: Hi, this is Olamide Bankole. I lost my job at the bank in January and I want to retrain as a nurse.',
          'a: That is a big change. What are you hoping to spend on the course?',
          'u: Around six thousand, I have some redundancy money put aside.',
          'a: Our fast-track programme starts in September.',
        ],
        summary:
          'Olamide Bankole, recently made redundant from a bank job, wants to retrain as a nurse with about $6,000 from redundancy money.',
      },
    ],
    expect: { name: 'Olamide Bankole', facts: ['Olamide Bankole', '$6,000'] },
    questions: [
      { q: 'what was his previous occupation?', a: 'bank' },
      { q: 'which profession does he want to move into?', a: 'nurse' },
      { q: 'how will he fund the training?', a: ['redundancy'] },
      { q: 'does he have children?', a: null },
    ],
  },

  // ── numbers, money and dates ────────────────────────────────────────────────────────────────
  {
    id: 'holdout-numbers-1',
    category: 'numbers_dates',
    agent: 'sales',
    caller: '+15550100217',
    calls: [
      {
        at: '2026-08-03T17:10:00Z',
        turns: [
          'a: Hi, Redwood Roofing, who am I talking to?',
          'u: Hey, Cody Larkin.',
          'a: Hi Cody, what do you need?',
          'u: Full roof replacement. Our neighbour paid like twenty-two grand, we were hoping for something closer to eighteen thousand five hundred.',
          'a: That is realistic for your size of house. When?',
          'u: This fall, before the rains.',
        ],
        summary:
          'Cody Larkin wants a full roof replacement, hoping for about $18,500 (his neighbour paid about $22,000), this fall before the rains.',
      },
    ],
    expect: { name: 'Cody Larkin', facts: ['Cody Larkin', '$18,500', 'fall', '2026-09'] },
    questions: [
      { q: 'what did the neighbour pay?', a: ['twenty-two', '22,000'] },
      { q: 'why the rush?', a: 'rains' },
      { q: 'what roofing material does he want?', a: null },
    ],
  },
  {
    id: 'holdout-numbers-2',
    category: 'numbers_dates',
    agent: 'sales',
    caller: '+4917600000218',
    calls: [
      {
        at: '2026-05-15T09:00:00Z',
        turns: [
          'a: Good morning, Alpine Coaching Tours. Who is calling?',
          'u: Morning, Renate Vogel from the Weissach choir.',
          'a: How can we help, Renate?',
          'u: We need a coach for forty singers to a festival. We can pay 3.200 € for the round trip, and we travel in three weeks.',
          'a: We can do that.',
        ],
        summary:
          'Renate Vogel of the Weissach choir needs a coach for forty singers to a festival, €3,200 for the round trip, travelling in three weeks.',
      },
    ],
    expect: { name: 'Renate Vogel', facts: ['Renate Vogel', '€3,200', '2026-06-05'] },
    questions: [
      { q: 'how many passengers?', a: ['forty', '40'] },
      { q: 'where are they going?', a: 'festival' },
      { q: 'what repertoire does the choir sing?', a: null },
    ],
  },

  // ── changed facts over two calls ────────────────────────────────────────────────────────────
  {
    id: 'holdout-changed-1',
    category: 'changed_facts',
    agent: 'support',
    caller: '+15550100219',
    calls: [
      {
        at: '2026-01-14T15:00:00Z',
        turns: [
          'a: Pulse Fitness Online, how can I help?',
          "u: Hi, it's Beatriz Moreno. I'm on the basic plan and want to know what premium adds.",
          'a: Premium adds live classes and nutrition coaching.',
          'u: I will think about it. Email me the comparison, please.',
        ],
        summary: 'Beatriz Moreno, on the basic plan, asked what premium adds and wants the comparison by email.',
      },
      {
        at: '2026-03-02T18:20:00Z',
        turns: [
          'a: Pulse Fitness Online, who is calling?',
          "u: Beatriz Moreno. I upgraded to the premium plan last week and the live classes won't load.",
          'a: I have refreshed your entitlements, try now.',
          'u: Working, thanks.',
        ],
        summary:
          'Beatriz Moreno, now on the premium plan since last week, could not load live classes; the agent refreshed her entitlements.',
      },
    ],
    expect: {
      name: 'Beatriz Moreno',
      facts: ['Beatriz Moreno', 'premium'],
      changed: [{ q: 'which plan is she on?', was: 'basic', now: 'premium' }],
    },
    questions: [{ q: 'what was not loading?', a: 'live classes' }],
  },
  {
    id: 'holdout-changed-2',
    category: 'changed_facts',
    agent: 'sales',
    caller: '+15550100220',
    calls: [
      {
        at: '2026-06-01T12:00:00Z',
        turns: [
          'a: Hi, Harborline Boats. Who am I speaking with?',
          "u: Hi, I'm Desmond Achebe. I'm looking for a small fishing boat, budget about fifteen thousand, ideally by July.",
          'a: We have a few options.',
        ],
        summary: 'Desmond Achebe is looking for a small fishing boat, budget about $15,000, by July.',
      },
      {
        at: '2026-08-20T12:30:00Z',
        turns: [
          'a: Harborline Boats again, hi.',
          "u: Desmond Achebe here. Change of plan: I've decided on a bigger cabin cruiser, so my budget is now forty-five thousand, and next spring is fine.",
          'a: I will send you our cruiser range.',
        ],
        summary: 'Desmond Achebe now wants a cabin cruiser; budget raised to $45,000, timeline next spring.',
      },
    ],
    expect: {
      name: 'Desmond Achebe',
      facts: ['Desmond Achebe', '$45,000', 'next spring'],
      changed: [
        { q: 'how much does he want to spend?', was: '$15,000', now: '$45,000' },
        { q: 'when does he want to buy?', was: 'July', now: 'next spring' },
      ],
    },
    questions: [{ q: 'what type of boat does he want now?', a: 'cabin cruiser' }],
  },

  // ── long calls with one buried fact ─────────────────────────────────────────────────────────
  {
    id: 'holdout-long-1',
    category: 'long_calls',
    agent: 'support',
    caller: '+15550100221',
    calls: [
      {
        at: '2026-11-11T10:00:00Z',
        turns: [
          'a: Shieldline Motor Insurance, who am I speaking with?',
          "u: Morning, I'm Imogen Hartley, I need to update a few things on my policy.",
          'a: Of course. Go ahead.',
          ...ramble('family', 31, 32),
          'a: Which vehicle is this for?',
          'u: The new one, the registration is LM21 KTX, it is a blue estate.',
          ...ramble('family', 32, 32),
          'a: All updated. Your new documents will arrive by post.',
          'u: Perfect, thank you.',
        ],
        summary: 'Imogen Hartley updated her motor policy with a new vehicle; new documents will be posted.',
      },
    ],
    expect: { name: 'Imogen Hartley', facts: ['Imogen Hartley'] },
    questions: [
      { q: 'what is the licence plate of her car?', a: 'LM21 KTX' },
      { q: 'how will the documents be sent?', a: 'post' },
      { q: 'what is her annual mileage?', a: null },
    ],
  },
  {
    id: 'holdout-long-2',
    category: 'long_calls',
    agent: 'support',
    caller: '+15550100222',
    calls: [
      {
        at: '2026-10-03T16:00:00Z',
        turns: [
          'a: Greenway Clinic appointments, who is calling?',
          "u: Hi, Bogdan Ionescu, I'd like to register with the practice.",
          'a: Welcome. Tell me a bit about yourself.',
          ...ramble('move', 41, 30),
          'a: Are you on any regular medication?',
          'u: Just metformin twice a day for my diabetes, nothing else.',
          ...ramble('move', 42, 30),
          'a: You are registered. Your first check-up is on the 14th.',
          'u: Thanks.',
        ],
        summary: 'Bogdan Ionescu registered with the practice; his first check-up is on the 14th.',
      },
    ],
    expect: { name: 'Bogdan Ionescu', facts: ['Bogdan Ionescu'] },
    questions: [
      { q: 'what medicine does he take?', a: 'metformin' },
      { q: 'what condition does he have?', a: 'diabetes' },
      { q: 'who is his previous doctor?', a: null },
    ],
  },

  // ── data collection only ────────────────────────────────────────────────────────────────────
  {
    id: 'holdout-data-only-1',
    category: 'data_collection_only',
    agent: 'support',
    caller: '+15550100223',
    calls: [
      {
        at: '2026-03-18T20:00:00Z',
        turns: ['a: Hi, this is Citywide Plumbing confirming your booking.', 'u: Mm-hmm.', 'a: Thanks, we are all set.'],
        summary: 'Booking confirmed.',
        dataCollection: {
          full_name: 'Wendell Okoro',
          service_address: '88 Linden Ave, Apt 4B',
          policy_number: 'PL-009312',
          contact_method: 'phone',
          issue: 'burst pipe under kitchen sink',
        },
      },
    ],
    expect: { name: 'Wendell Okoro', facts: ['Wendell Okoro', '88 Linden Ave', 'PL-009312', 'phone'] },
    questions: [
      { q: 'where should the plumber go?', a: '88 Linden' },
      { q: 'what needs fixing?', a: ['burst pipe', 'sink'] },
      { q: 'when was the boiler last serviced?', a: null },
    ],
  },
  {
    id: 'holdout-data-only-2',
    category: 'data_collection_only',
    agent: 'technical',
    caller: '+15550100224',
    calls: [
      {
        at: '2026-09-26T14:30:00Z',
        turns: ['a: This is the Stellar Cloud status line, I have logged your report.', 'u: ok'],
        summary: 'The agent logged a report.',
        dataCollection: {
          caller_name: 'Fenna Visser',
          device_model: 'NX-220 gateway',
          error_code: 'E-1043',
          site: 'Utrecht warehouse',
          escalation: 'high',
        },
      },
    ],
    expect: { name: 'Fenna Visser', facts: ['Fenna Visser', 'NX-220', 'E-1043'] },
    questions: [
      { q: 'which device is failing?', a: 'NX-220' },
      { q: 'where is the equipment located?', a: 'Utrecht' },
      { q: 'how many users are affected?', a: null },
    ],
  },
];
