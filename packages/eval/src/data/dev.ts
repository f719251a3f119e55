import type { EvalCase } from '../eval-types';
import { DEV_FOURTH_CASES } from './dev-fourth';
import { DEV_WIDER_CASES } from './dev-wider';
import { ramble } from './filler';

/**
 * The dev half of the quality evaluation: rules are tuned on these calls only. People, numbers,
 * companies and conversations are invented.
 */
export const DEV_CASES: readonly EvalCase[] = [
  // ── diacritics ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-diacritics-1',
    category: 'diacritics',
    agent: 'support',
    caller: '+33612300101',
    calls: [
      {
        at: '2026-09-03T09:12:00Z',
        turns: [
          'a: Thank you for calling Lumen Mobile support. Who do I have the pleasure of speaking with?',
          'u: Hi, this is Chloé Lefèvre.',
          'a: Thanks Chloé, how can I help?',
          'u: I was charged twice for my premium plan this month, two identical payments on the same day.',
          'a: I can see both payments. I will refund the duplicate one now.',
          'u: Great. And can you text me when the refund goes through? I never read my emails.',
          'a: Of course, we will send a text message.',
        ],
        summary:
          'Chloé Lefèvre, on the premium plan, reported a duplicate charge this month. The agent refunded the second payment and agreed to confirm by text message.',
      },
    ],
    expect: { name: 'Chloé Lefèvre', facts: ['Chloé Lefèvre', 'premium', 'text'] },
    questions: [
      { q: 'was the caller billed twice?', a: ['charged twice', 'duplicate'] },
      { q: 'how does she like to be contacted?', a: 'text' },
      { q: 'what is her date of birth?', a: null },
    ],
  },
  {
    id: 'dev-diacritics-2',
    category: 'diacritics',
    agent: 'sales',
    caller: '+48500200102',
    calls: [
      {
        at: '2026-08-18T13:40:00Z',
        turns: [
          'a: Good afternoon, Kestrel Fleet Solutions, how can I help?',
          'u: Good afternoon. My name is Bartłomiej Wróblewski, I run logistics for a small courier firm in Gdańsk.',
          'a: Nice to meet you. What are you looking for?',
          'u: We want GPS trackers for twelve vans. We have set aside about 18,000 euros for it.',
          'a: That is doable. When would you need them?',
          'u: Ideally within two months, before the Christmas rush starts.',
        ],
        summary:
          'Bartłomiej Wróblewski, who runs logistics for a courier firm in Gdańsk, wants GPS trackers for twelve vans with a budget of about €18,000, within two months.',
      },
    ],
    expect: { name: 'Bartłomiej Wróblewski', facts: ['Bartłomiej Wróblewski', ['€18,000', '18,000 euros', '18.000'], 'two months'] },
    questions: [
      { q: 'how many vehicles need trackers?', a: ['twelve vans', '12 vans'] },
      { q: 'where is his company based?', a: 'Gdańsk' },
      { q: 'which competitor does he use today?', a: null },
    ],
  },

  // ── non-English introductions ───────────────────────────────────────────────────────────────
  {
    id: 'dev-non-english-1',
    category: 'non_english',
    agent: 'support',
    caller: '+34611400103',
    calls: [
      {
        at: '2026-10-01T17:05:00Z',
        language: 'es',
        turns: [
          'a: Hola, gracias por llamar a Telered. ¿En qué puedo ayudarle?',
          'u: Hola, buenas tardes. Me llamo Íñigo Etxeberria.',
          'a: Encantado, Íñigo. ¿Qué ocurre?',
          'u: Desde la tormenta del sábado no tengo internet en casa, el router parpadea en rojo.',
          'a: Voy a reiniciar la línea desde aquí. ¿Prefiere que le avisemos por correo o por teléfono?',
          'u: Por correo electrónico, por favor.',
        ],
        summary:
          'The caller has had no internet at home since a storm on Saturday; the router light blinks red. The agent reset the line remotely and will follow up by email.',
      },
    ],
    expect: { name: 'Íñigo Etxeberria', facts: ['Íñigo Etxeberria', 'email'] },
    questions: [
      { q: 'why is his connection down?', a: ['storm', 'tormenta'] },
      { q: 'what colour was the router light?', a: ['red', 'rojo'] },
      { q: 'does he have a business account?', a: null },
    ],
  },
  {
    id: 'dev-non-english-2',
    category: 'non_english',
    agent: 'sales',
    caller: '+4915100400104',
    calls: [
      {
        at: '2026-06-22T08:30:00Z',
        language: 'de',
        turns: [
          'a: Guten Morgen, Sonnenwerk Solar, was kann ich für Sie tun?',
          'u: Guten Morgen, mein Name ist Jörg Hübner. Ich interessiere mich für eine Photovoltaikanlage auf dem Garagendach.',
          'a: Sehr gern. Haben Sie schon ein Budget im Kopf?',
          'u: Wir haben ungefähr 25.000 € eingeplant, inklusive Speicher.',
          'a: Und bis wann soll die Anlage laufen?',
          'u: Am liebsten bis zum Frühling.',
        ],
        summary:
          'Jörg Hübner is interested in a photovoltaic system with battery storage on his garage roof, budget about €25,000, ideally running by spring.',
      },
    ],
    expect: { name: 'Jörg Hübner', facts: ['Jörg Hübner', ['€25,000', '25.000 €']] },
    questions: [
      { q: 'what roof would the panels go on?', a: ['garage', 'Garagendach'] },
      { q: 'does he want a battery too?', a: ['storage', 'Speicher'] },
      { q: 'how many people live in the house?', a: null },
    ],
  },

  {
    id: 'dev-non-english-3',
    category: 'non_english',
    agent: 'support',
    caller: '+31620000125',
    calls: [
      {
        at: '2026-11-04T13:25:00Z',
        language: 'nl',
        turns: [
          'a: Goedemiddag, klantenservice van Polderstroom. Met wie spreek ik?',
          'u: Goedemiddag, u spreekt met Maarten van Dijk.',
          'a: Dank u, meneer Van Dijk. Waarmee kan ik u helpen?',
          'u: Mijn slimme meter geeft al drie dagen geen standen door aan de app.',
          'a: Ik heb de meter op afstand opnieuw gestart. Zal ik u een e-mail sturen als het weer werkt?',
          'u: Ja graag, per e-mail.',
        ],
        summary:
          'The caller’s smart meter has not sent readings to the app for three days; the agent restarted it remotely and will confirm by email.',
      },
    ],
    expect: { name: 'Maarten van Dijk', facts: ['Maarten van Dijk', 'email'] },
    questions: [
      { q: 'what device is not reporting?', a: ['smart meter', 'slimme meter'] },
      { q: 'for how long?', a: ['three days', 'drie dagen'] },
      { q: 'what is his tariff?', a: null },
    ],
  },

  // ── noisy ASR ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-noisy-asr-1',
    category: 'noisy_asr',
    agent: 'support',
    caller: '+15550100105',
    calls: [
      {
        at: '2026-07-09T15:20:00Z',
        turns: [
          'a: Hi, thanks for calling Harbor Utilities. Can I get your name please?',
          'u: so um yeah its priya um priya nair',
          'a: Thank you. What can I do for you today?',
          'u: yeah so uh i got a late fee on my bill but i uh i paid it like on the fifth you know',
          'a: Let me check. I can see the payment arrived on the sixth, so I will waive the fee this once.',
          'u: oh okay great um thanks and uh can you like email me the receipt',
        ],
        summary:
          'The caller disputed a late fee; her payment arrived one day late. The agent waived the fee as a one-off and will email the receipt.',
      },
    ],
    expect: { name: 'Priya Nair', facts: ['Priya Nair', 'email'] },
    questions: [
      { q: 'what charge did the customer complain about?', a: 'late fee' },
      { q: 'was the fee removed?', a: 'waive' },
      { q: 'what is her account tier?', a: null },
    ],
  },
  {
    id: 'dev-noisy-asr-2',
    category: 'noisy_asr',
    agent: 'technical',
    caller: '+15550100106',
    calls: [
      {
        at: '2026-05-14T11:02:00Z',
        turns: [
          'a: Tech support, this is the automated assistant. Who am I speaking with?',
          "u: yeah hi uh this is marcus um marcus o'brien",
          'a: Thanks. What is the problem?',
          'u: the uh the printer keeps saying error e45 and uh it wont pull the paper in',
          'a: Have you tried anything yet?',
          'u: yeah i uh i restarted it twice and i cleared the paper tray',
        ],
        summary:
          'The caller reported a printer showing error E45 that will not feed paper. He had restarted it twice and cleared the paper tray. The agent booked a repair.',
      },
    ],
    expect: { name: "Marcus O'Brien", facts: ["Marcus O'Brien", 'E45'] },
    questions: [
      { q: 'which error code was shown?', a: 'e45' },
      { q: 'what had he already tried?', a: ['restarted', 'cleared the paper tray'] },
      { q: 'what operating system is his laptop on?', a: null },
    ],
  },

  // ── spelled / corrected names ───────────────────────────────────────────────────────────────
  {
    id: 'dev-spelled-1',
    category: 'spelled_corrected',
    agent: 'support',
    caller: '+447700900107',
    calls: [
      {
        at: '2026-04-02T10:45:00Z',
        turns: [
          'a: Welcome to Parcelwise. Who am I speaking with today?',
          "u: It's Steven.",
          'a: Thanks Steven, is that with a V?',
          "u: Sorry, no, it's Stephen with a P-H. Stephen Mallory.",
          'a: Got it, Stephen. How can I help?',
          'u: I need to move my delivery slot to Friday morning, I will be at work on Thursday.',
        ],
        summary:
          'The caller asked to move his delivery from Thursday to Friday morning because he is at work on Thursday. The agent rebooked it.',
      },
    ],
    expect: { name: 'Stephen Mallory', facts: ['Stephen Mallory'] },
    questions: [
      { q: 'which day was the parcel moved to?', a: 'Friday' },
      { q: 'why could he not take the original delivery?', a: 'at work' },
      { q: 'what was in the parcel?', a: null },
    ],
  },
  {
    id: 'dev-spelled-2',
    category: 'spelled_corrected',
    agent: 'sales',
    caller: '+15550100108',
    calls: [
      {
        at: '2026-03-11T16:00:00Z',
        turns: [
          'a: Hi, Meridian Kitchens, this is the design desk. May I take your name?',
          "u: Sure, it's Ann Kowalczyk.",
          'a: Is that Anne with an E?',
          'u: No, Ann without an E. And the surname is K-O-W-A-L-C-Z-Y-K.',
          'a: Thank you. What are you planning?',
          'u: A full kitchen refit. We are hoping to spend no more than fifteen thousand dollars.',
        ],
        summary: 'Ann Kowalczyk is planning a full kitchen refit and hopes to spend no more than $15,000.',
      },
    ],
    expect: { name: 'Ann Kowalczyk', facts: ['Ann Kowalczyk', '$15,000'] },
    questions: [
      { q: 'what kind of project is it?', a: 'kitchen' },
      { q: 'what is the spending limit?', a: ['15,000', 'fifteen thousand'] },
      { q: 'when does she want the installers to start?', a: null },
    ],
  },

  // ── other people named ──────────────────────────────────────────────────────────────────────
  {
    id: 'dev-other-people-1',
    category: 'other_people',
    agent: 'support',
    caller: '+353851000109',
    calls: [
      {
        at: '2026-02-17T19:30:00Z',
        turns: [
          'a: Evening, Clearwave Broadband, who am I talking to?',
          "u: Hi there, I'm Dervla Quinn. My husband Tom set the account up but it's in both our names.",
          'a: Thanks Dervla. What can I help with?',
          'u: I spoke to your colleague Rachel last week about a faster package and she said someone would ring back, nobody did.',
          'a: I am sorry about that. I can upgrade you to the 500 megabit plan today.',
          'u: Yes please. And call me on this number, not Tom, he is away on site all month.',
        ],
        summary:
          'Dervla Quinn, who shares the account with her husband Tom, had been promised a callback by an agent named Rachel about a faster package. The agent upgraded her to the 500 Mb plan. She prefers phone calls to her own number.',
      },
    ],
    expect: { name: 'Dervla Quinn', facts: ['Dervla Quinn', 'phone'] },
    questions: [
      { q: 'who did she speak to previously?', a: 'Rachel' },
      { q: 'what speed did she move to?', a: ['500'] },
      { q: 'how long has she been a customer?', a: null },
    ],
  },
  {
    id: 'dev-other-people-2',
    category: 'other_people',
    agent: 'sales',
    caller: '+971501000110',
    calls: [
      {
        at: '2026-01-26T07:15:00Z',
        turns: [
          'a: Good morning, Atlas Office Furniture, how can I help?',
          'u: Good morning. I am calling on behalf of my manager, Mr. Karim Haddad. He asked me to get a quote.',
          'a: Of course. And your name?',
          "u: I'm Lena, Lena Sayegh, his assistant.",
          'a: Thanks Lena. What does the office need?',
          'u: Twenty standing desks. Karim said the budget is around 12k, and he makes the final call.',
        ],
        summary:
          'Lena Sayegh, assistant to Karim Haddad, requested a quote for twenty standing desks with a budget of around $12,000. Karim makes the final decision.',
      },
    ],
    expect: { name: 'Lena Sayegh', facts: ['Lena Sayegh', '$12,000'] },
    questions: [
      { q: 'who decides on the purchase?', a: 'Karim' },
      { q: 'how many desks?', a: ['twenty', '20'] },
      { q: 'what colour should the desks be?', a: null },
    ],
  },

  // ── agent names ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-agent-names-1',
    category: 'agent_names',
    agent: 'support',
    caller: '+15550100111',
    calls: [
      {
        at: '2026-09-29T12:10:00Z',
        agentName: 'Ava',
        turns: [
          "a: Hi, I'm Ava, the virtual assistant for Brightline Insurance. How can I help you today?",
          'u: Hi Ava. I want to check whether my windscreen claim went through.',
          'a: I can look that up. It was approved yesterday and the repair shop will contact you.',
          'u: Brilliant, thanks Ava. Last time I spoke to Jordan and he said it could take weeks.',
          'a: Glad it was quicker. Anything else?',
          "u: No, that's all, cheers.",
        ],
        summary:
          'The caller asked Ava about the status of a windscreen claim; it was approved yesterday and the repair shop will be in touch.',
      },
    ],
    expect: { name: null, facts: [] },
    questions: [
      { q: 'what was the claim for?', a: 'windscreen' },
      { q: 'has the claim been accepted?', a: 'approved' },
      { q: 'what car does the caller drive?', a: null },
    ],
  },
  {
    id: 'dev-agent-names-2',
    category: 'agent_names',
    agent: 'sales',
    caller: '+15550100112',
    calls: [
      {
        at: '2026-08-05T14:25:00Z',
        agentName: 'Marco',
        turns: [
          'a: Hello, this is Marco from Solaris Home Energy. Who am I speaking with?',
          "u: Hi Marco, my name's Gwen Ashby. I got your leaflet about heat pumps.",
          'a: Great, Gwen. Are you looking to replace an existing boiler?',
          'u: Yes, the gas boiler is nearly twenty years old. We could spend maybe nine thousand.',
          'a: That fits our standard air source package.',
          'u: Lovely. Email the details over, would you?',
        ],
        summary:
          'Marco spoke with Gwen Ashby about replacing a nearly twenty-year-old gas boiler with a heat pump; her budget is about $9,000 and she wants details by email.',
      },
    ],
    expect: { name: 'Gwen Ashby', facts: ['Gwen Ashby', '$9,000'] },
    questions: [
      { q: 'how old is the current heating system?', a: ['twenty years', '20 years', 'twenty-year'] },
      { q: 'what made her call?', a: 'leaflet' },
      { q: 'how big is her house?', a: null },
    ],
  },

  // ── outbound ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-outbound-1',
    category: 'outbound',
    agent: 'sales',
    caller: '+2348030000113',
    calls: [
      {
        at: '2026-07-30T10:00:00Z',
        direction: 'outbound',
        agentName: 'Sam',
        turns: [
          'a: Hello, am I speaking with Emeka Okonkwo?',
          'u: Speaking.',
          'a: Hi Emeka, this is Sam calling from Greenleaf Solar about the quote you requested online.',
          'u: Ah yes. We want panels for the warehouse roof, and our budget is forty thousand dollars.',
          'a: Understood. When would you like the installation?',
          'u: By the end of the year if possible.',
        ],
        summary:
          'Sam from Greenleaf Solar followed up with Emeka Okonkwo about panels for his warehouse roof; budget $40,000, installation by the end of the year.',
      },
    ],
    expect: { name: 'Emeka Okonkwo', facts: ['Emeka Okonkwo', '$40,000', 'end of the year'] },
    questions: [
      { q: 'what building are the panels for?', a: 'warehouse' },
      { q: 'how much can they spend?', a: ['40,000', 'forty thousand'] },
      { q: 'how many employees does his company have?', a: null },
    ],
  },
  {
    id: 'dev-outbound-2',
    category: 'outbound',
    agent: 'support',
    caller: '+15550100114',
    calls: [
      {
        at: '2026-06-03T15:45:00Z',
        direction: 'outbound',
        turns: [
          'a: Good afternoon, this is the Riverside Dental reminder line. Is this Ms. Sandoval?',
          "u: Yes, that's me.",
          'a: I am calling to confirm your cleaning appointment next Tuesday at 9 am.',
          'u: Oh, I need to push that back, I have a school trip with my son that morning.',
          'a: No problem, I have moved it to Thursday at 2 pm.',
          'u: Perfect. Text me a reminder the day before, please.',
        ],
        summary:
          'Reminder call to Ms. Sandoval: she moved her dental cleaning from Tuesday 9 am to Thursday 2 pm because of a school trip with her son, and asked for a text reminder.',
      },
    ],
    expect: { name: 'Sandoval', facts: ['Sandoval', 'text'] },
    questions: [
      { q: 'why did she reschedule?', a: 'school trip' },
      { q: 'when is the new appointment?', a: 'Thursday' },
      { q: 'which dentist does she see?', a: null },
    ],
  },

  // ── paraphrased questions ───────────────────────────────────────────────────────────────────
  {
    id: 'dev-paraphrased-1',
    category: 'paraphrased',
    agent: 'support',
    caller: '+15550100115',
    calls: [
      {
        at: '2026-09-12T09:00:00Z',
        turns: [
          'a: Hi, Oakline Home customer care. Can I get your name?',
          "u: It's Rosa Delgado.",
          'a: Thanks Rosa. What happened?',
          'u: I bought a sofa from you in August and the left cushion has already ripped along the seam.',
          'a: I am sorry. That is covered by the warranty, I will send a technician.',
          'u: Fine, but mornings only, I work evenings.',
        ],
        summary:
          'Rosa Delgado reported a ripped seam on the left cushion of a sofa bought in August. Covered by warranty; a technician will visit in the morning.',
      },
    ],
    expect: { name: 'Rosa Delgado', facts: ['Rosa Delgado'] },
    questions: [
      { q: 'what piece of furniture did she purchase?', a: 'sofa' },
      { q: 'what is wrong with the couch?', a: ['ripped', 'seam'] },
      { q: 'when can the repairer come?', a: ['mornings', 'morning'] },
      { q: 'how much did it cost?', a: null },
    ],
  },
  {
    id: 'dev-paraphrased-2',
    category: 'paraphrased',
    agent: 'technical',
    caller: '+15550100116',
    calls: [
      {
        at: '2026-10-08T18:20:00Z',
        turns: [
          'a: Hello, Pinecrest Computers support. Who is calling?',
          'u: Hi, this is Owen Thackeray.',
          'a: Hi Owen, what is going on?',
          'u: My daughter spilled orange juice on the laptop keyboard and now the E key sticks and the trackpad clicks by itself.',
          'a: Please shut it down and do not charge it. We will arrange a repair pickup.',
          'u: Okay. I drove it to your store once before and they were great.',
        ],
        summary:
          'Owen Thackeray reported juice spilled on his laptop keyboard; the E key sticks and the trackpad clicks on its own. The agent advised shutting it down and arranged a repair pickup.',
      },
    ],
    expect: { name: 'Owen Thackeray', facts: ['Owen Thackeray'] },
    questions: [
      { q: 'what liquid damaged the computer?', a: 'juice' },
      { q: 'which key is stuck?', a: ['E key'] },
      { q: 'has he been to the shop before?', a: ['store', 'drove'] },
      { q: 'what is the serial number of the laptop?', a: null },
    ],
  },

  // ── numbers, money and dates ────────────────────────────────────────────────────────────────
  {
    id: 'dev-numbers-1',
    category: 'numbers_dates',
    agent: 'sales',
    caller: '+15550100117',
    calls: [
      {
        at: '2026-10-14T15:00:00Z',
        turns: [
          'a: Thanks for calling Blue Ridge Pools. Who is this?',
          "u: Hey, it's Dana Whitfield.",
          'a: Hi Dana. Tell me about the project.',
          'u: We want an in-ground pool. My husband says thirty-two thousand, tops thirty-five.',
          'a: Got it. When would you like to be swimming?',
          'u: We want it installed before next summer.',
        ],
        summary: 'Dana Whitfield wants an in-ground pool, budget around $32,000 (at most $35,000), installed before next summer.',
      },
    ],
    expect: { name: 'Dana Whitfield', facts: ['Dana Whitfield', '$32,000', 'next summer', '2027-06'] },
    questions: [
      { q: 'what is the most they would pay?', a: ['35,000', 'thirty-five'] },
      { q: 'what type of pool?', a: 'in-ground' },
      { q: 'how deep should the pool be?', a: null },
    ],
  },
  {
    id: 'dev-numbers-2',
    category: 'numbers_dates',
    agent: 'sales',
    caller: '+447700900118',
    calls: [
      {
        at: '2026-11-20T11:30:00Z',
        turns: [
          'a: Good morning, Thornbury Windows. Who am I speaking with?',
          'u: Morning, Hamish Baird here.',
          'a: Hi Hamish, what can we do for you?',
          'u: Eight sash windows need replacing. Another company quoted us £4,800 but honestly we would like to stay under four grand.',
          'a: We can look at that. When do you want the work done?',
          'u: Sometime in Q1, before the spring lets start at the cottage.',
        ],
        summary:
          'Hamish Baird needs eight sash windows replaced. A competitor quoted £4,800; he wants to stay under £4,000. Work wanted in Q1, before spring lets at the cottage.',
      },
    ],
    expect: { name: 'Hamish Baird', facts: ['Hamish Baird', '£4,000', 'Q1', '2027-01'] },
    questions: [
      { q: 'what did the other supplier quote?', a: ['4,800', '4800'] },
      { q: 'how many windows?', a: ['eight', '8'] },
      { q: 'what material does he want the frames in?', a: null },
    ],
  },

  // ── changed facts over two calls ────────────────────────────────────────────────────────────
  {
    id: 'dev-changed-1',
    category: 'changed_facts',
    agent: 'sales',
    caller: '+15550100119',
    calls: [
      {
        at: '2026-05-02T10:00:00Z',
        turns: [
          'a: Hi, Canopy Landscaping. Who is calling?',
          "u: It's Nadia Petrova.",
          'a: Hi Nadia, what are you planning?',
          'u: A new patio and some raised beds. Our budget is around 20k.',
          'a: And timing?',
          'u: By August, we are hosting a wedding party.',
        ],
        summary: 'Nadia Petrova wants a new patio and raised beds, budget around $20,000, done by August for a wedding party.',
      },
      {
        at: '2026-07-10T16:30:00Z',
        turns: [
          'a: Hi, Canopy Landscaping again. Who is this?',
          'u: Nadia Petrova, we spoke in May about the patio.',
          'a: Of course. Any changes?',
          'u: Yes, the wedding party moved, so no rush now, the end of the year is fine. And we have now got 28k to spend since we sold the old car.',
          'a: Great, I will update the proposal.',
        ],
        summary: 'Nadia Petrova updated her patio project: the budget is now $28,000 and the deadline moved to the end of the year.',
      },
    ],
    expect: {
      name: 'Nadia Petrova',
      facts: ['Nadia Petrova', '$28,000', 'end of the year'],
      changed: [
        { q: "what is the caller's budget?", was: '$20,000', now: '$28,000' },
        { q: 'what is the deadline for the patio?', was: 'August', now: 'end of the year' },
      ],
    },
    questions: [{ q: 'why did the timing change?', a: 'wedding' }],
  },
  {
    id: 'dev-changed-2',
    category: 'changed_facts',
    agent: 'support',
    caller: '+61400100120',
    calls: [
      {
        at: '2026-03-05T02:00:00Z',
        turns: [
          'a: G’day, Coastline Energy support. Who am I speaking with?',
          "u: Hi, I'm Liam Fitzgerald.",
          'a: Thanks Liam. How can I help?',
          'u: Just checking my meter reading. And please keep contacting me by email, that works best.',
          'a: Noted, email it is.',
        ],
        summary: 'Liam Fitzgerald checked his meter reading and prefers to be contacted by email.',
      },
      {
        at: '2026-06-19T03:15:00Z',
        turns: [
          'a: Coastline Energy support, who is this?',
          "u: Liam Fitzgerald again. I've changed jobs and I can't get personal email at work anymore.",
          'a: Would another channel suit you better?',
          'u: Yes, text me from now on please, no more emails.',
          'a: Updated to text messages.',
        ],
        summary: 'Liam Fitzgerald changed jobs and asked to be contacted by text message from now on.',
      },
    ],
    expect: {
      name: 'Liam Fitzgerald',
      facts: ['Liam Fitzgerald', 'text'],
      changed: [{ q: 'how does the caller want to be contacted?', was: 'email', now: 'text' }],
    },
    questions: [{ q: 'why did he change his contact preference?', a: ['changed jobs', 'work'] }],
  },

  // ── long calls with one buried fact ─────────────────────────────────────────────────────────
  {
    id: 'dev-long-1',
    category: 'long_calls',
    agent: 'support',
    caller: '+15550100121',
    calls: [
      {
        at: '2026-09-21T13:00:00Z',
        turns: [
          'a: Welcome to Wellspring Pharmacy. Who am I speaking with?',
          "u: Hello, I'm Teodora Vasquez, I just moved into the area and wanted to transfer my prescriptions.",
          'a: Happy to help with that. How has the move been?',
          ...ramble('move', 11, 30),
          'a: Before I set up the transfer, do you have any allergies we should record?',
          "u: Oh yes, I'm allergic to penicillin, I came out in hives as a child.",
          ...ramble('move', 12, 30),
          'a: The transfer is set up. Your first refill will be ready on Monday.',
          'u: Thank you so much, that is one less thing to worry about.',
        ],
        summary:
          'Teodora Vasquez, new to the area, transferred her prescriptions to the pharmacy; the first refill will be ready on Monday.',
      },
    ],
    expect: { name: 'Teodora Vasquez', facts: ['Teodora Vasquez'] },
    questions: [
      { q: 'does she have any drug allergies?', a: 'penicillin' },
      { q: 'when is her first refill ready?', a: 'Monday' },
      { q: 'what is her blood type?', a: null },
    ],
  },
  {
    id: 'dev-long-2',
    category: 'long_calls',
    agent: 'technical',
    caller: '+15550100122',
    calls: [
      {
        at: '2026-10-27T20:00:00Z',
        turns: [
          'a: Homebase Smart Living support, who am I speaking with?',
          "u: Hi, it's Felix Achterberg. My lights and heating schedules are all over the place.",
          'a: Let us go through it. Tell me about the setup.',
          ...ramble('smarthome', 21, 28),
          'a: Is the hub on the latest firmware?',
          'u: It says version 4.2.1, and by the way my daughter goes to Hillcrest Primary so the school-day schedule matters most.',
          ...ramble('smarthome', 22, 28),
          'a: I have reset the schedules from our side; they should sync within the hour.',
          'u: Thanks, fingers crossed.',
        ],
        summary:
          'Felix Achterberg had erratic smart light and heating schedules; the hub runs firmware 4.2.1. The agent reset the schedules remotely.',
      },
    ],
    expect: { name: 'Felix Achterberg', facts: ['Felix Achterberg'] },
    questions: [
      { q: 'which school does his child attend?', a: 'Hillcrest' },
      { q: 'what firmware is the hub on?', a: '4.2.1' },
      { q: 'what brand is his router?', a: null },
    ],
  },

  // ── data collection only ────────────────────────────────────────────────────────────────────
  {
    id: 'dev-data-only-1',
    category: 'data_collection_only',
    agent: 'support',
    caller: '+18085550123',
    calls: [
      {
        at: '2026-08-11T22:00:00Z',
        turns: [
          'a: Hello, this is the Islandway delivery confirmation line.',
          'u: Yes.',
          'a: I have your details. Thank you, goodbye.',
          'u: Okay, thanks.',
        ],
        summary: 'The agent confirmed the delivery details.',
        dataCollection: {
          customer_name: 'Keanu Makoa',
          delivery_address: '17 Harbor View Rd, Hilo',
          account_number: 'AC-55102',
          preferred_contact_method: 'email',
        },
      },
    ],
    expect: { name: 'Keanu Makoa', facts: ['Keanu Makoa', '17 Harbor View Rd', 'AC-55102', 'email'] },
    questions: [
      { q: 'what is the delivery address?', a: '17 Harbor View' },
      { q: 'what is his account number?', a: 'AC-55102' },
      { q: 'what did he order?', a: null },
    ],
  },
  {
    id: 'dev-data-only-2',
    category: 'data_collection_only',
    agent: 'sales',
    caller: '+31612300124',
    calls: [
      {
        at: '2026-12-01T09:00:00Z',
        turns: ['a: Hi, Brookfield Lettings here, just confirming a few details for the viewing.', 'u: Sure.', 'a: All noted, thank you.'],
        summary: 'The agent confirmed details for a property viewing.',
        dataCollection: {
          lead_name: 'Saskia de Graaf',
          budget_eur: '1450 per month',
          move_in_date: '2027-02-01',
          property_type: 'two-bedroom flat',
          pets: 'one cat',
        },
      },
    ],
    expect: { name: 'Saskia de Graaf', facts: ['Saskia de Graaf', '1450', '2027-02-01', 'two-bedroom flat'] },
    questions: [
      { q: 'what kind of home is she looking for?', a: 'two-bedroom' },
      { q: 'does she have animals?', a: 'cat' },
      { q: 'where does she work?', a: null },
    ],
  },
  // The widened dev set (third round): new people, wording and languages.
  ...DEV_WIDER_CASES,
  ...DEV_FOURTH_CASES,
];
