import type { EvalCase } from '../eval-types';
import { ramble } from './filler';

/**
 * The widened dev half (issue 18, third round): written before any rule of that round changed,
 * with people, wording and languages none of the earlier calls use — Icelandic and Turkish letters,
 * Portuguese, Italian and French calls, uncased ASR with stutters, names corrected by spelling
 * (and a summary that keeps the first spelling), family and neighbours named, agents that only
 * name themselves in the transcript, outbound renewals and fraud checks, verbs and phrases asked
 * about in other words (push back ↔ postpone, no internet ↔ outage, got ↔ acquired), European
 * and spoken amounts, a fact changed in a field the rules do not extract (an address), long calls
 * on a new theme, and analysis-only calls with split name keys. Everything is invented.
 */
export const DEV_WIDER_CASES: readonly EvalCase[] = [
  // ── diacritics ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-diacritics-3',
    category: 'diacritics',
    agent: 'support',
    caller: '+3546600301',
    calls: [
      {
        at: '2026-08-24T10:05:00Z',
        turns: [
          'a: Good morning, Norðurljós Telecom, who am I speaking with?',
          'u: Good morning, my name is Dagný Þórsdóttir.',
          'a: Thank you Dagný. What can I do for you?',
          'u: My last bill has almost forty thousand krónur of roaming charges from when I was in Norway for a conference.',
          'a: I see them. You were not on a travel add-on, but I can apply one backdated, which halves it.',
          'u: Please do. And ring me on my mobile when it is done, I do not check letters.',
          'a: Will do, you will get a call.',
        ],
        summary:
          'Dagný Þórsdóttir disputed roaming charges from a conference trip to Norway. The agent backdated a travel add-on, halving them, and will phone her when it is done.',
      },
    ],
    expect: { name: 'Dagný Þórsdóttir', facts: ['Dagný Þórsdóttir', ['phone', 'mobile']] },
    questions: [
      { q: 'which country was she in when the charges happened?', a: 'Norway' },
      { q: 'what extra costs were on her invoice?', a: 'roaming' },
      { q: 'what is her postcode?', a: null },
    ],
  },
  {
    id: 'dev-diacritics-4',
    category: 'diacritics',
    agent: 'sales',
    caller: '+905320000302',
    calls: [
      {
        at: '2026-11-02T12:30:00Z',
        turns: [
          'a: Hello, Caldera Commercial Kitchens. How can I help?',
          'u: Hello. Şükrü Çelik here, I am opening a meze restaurant in İzmir next spring.',
          'a: Congratulations! What equipment do you need?',
          'u: A combi oven, an undercounter dishwasher and two chest freezers. I can spend around nine thousand pounds in total.',
          'a: That is realistic. When would you need delivery?',
          'u: Before the opening, so by the end of February.',
        ],
        summary:
          'Şükrü Çelik is opening a meze restaurant in İzmir and needs a combi oven, a dishwasher and two chest freezers, budget about £9,000, delivered by the end of February.',
      },
    ],
    expect: { name: 'Şükrü Çelik', facts: ['Şükrü Çelik', '£9,000', 'February'] },
    questions: [
      { q: 'what kind of business is he starting?', a: 'restaurant' },
      { q: 'which appliances does he want to buy?', a: ['oven', 'dishwasher', 'freezer'] },
      { q: 'how many staff will he employ?', a: null },
    ],
  },

  // ── non-English introductions ───────────────────────────────────────────────────────────────
  {
    id: 'dev-non-english-4',
    category: 'non_english',
    agent: 'support',
    caller: '+351910000303',
    calls: [
      {
        at: '2026-07-15T14:10:00Z',
        language: 'pt',
        turns: [
          'a: Olá, apoio ao cliente da Casa Viva. Com quem estou a falar?',
          'u: Boa tarde, chamo-me Inês Carvalho.',
          'a: Obrigado, Inês. Em que posso ajudar?',
          'u: A minha encomenda chegou ontem com o ecrã do televisor partido.',
          'a: Lamento muito. Prefere o reembolso ou uma substituição?',
          'u: Uma substituição, por favor. E avisem-me por mensagem, não por correio.',
        ],
        summary:
          'Inês Carvalho received a television with a broken screen yesterday. She asked for a replacement and wants updates by text message.',
      },
    ],
    expect: { name: 'Inês Carvalho', facts: ['Inês Carvalho', ['text', 'mensagem']] },
    questions: [
      { q: 'what part of the product was damaged?', a: ['screen', 'ecrã'] },
      { q: 'does she want her money back or a new one?', a: ['replacement', 'substituição'] },
      { q: 'how much did she pay for the television?', a: null },
    ],
  },
  {
    id: 'dev-non-english-5',
    category: 'non_english',
    agent: 'sales',
    caller: '+393400000304',
    calls: [
      {
        at: '2026-03-09T09:40:00Z',
        language: 'it',
        turns: [
          'a: Buongiorno, Ristruttura Facile, come posso aiutarla?',
          'u: Buongiorno, sono Giulia Bernardi. Vorrei rifare completamente il bagno.',
          'a: Certo. Ha già un budget in mente?',
          'u: Abbiamo messo da parte circa 10.000 euro.',
          'a: E quando vorrebbe che i lavori fossero finiti?',
          'u: Entro giugno, perché a luglio arrivano i miei suoceri.',
        ],
        summary:
          'Giulia Bernardi wants a complete bathroom renovation with a budget of about €10,000, finished by June because her in-laws arrive in July.',
      },
    ],
    expect: { name: 'Giulia Bernardi', facts: ['Giulia Bernardi', ['€10,000', '10.000']] },
    questions: [
      { q: 'which room is being redone?', a: ['bathroom', 'bagno'] },
      { q: 'why must the work be finished by June?', a: ['in-laws', 'suoceri'] },
      { q: 'does she have a parking space for the builders?', a: null },
    ],
  },
  {
    id: 'dev-non-english-6',
    category: 'non_english',
    agent: 'technical',
    caller: '+33611000305',
    calls: [
      {
        at: '2026-10-19T19:20:00Z',
        language: 'fr',
        turns: [
          'a: Bonsoir, assistance technique Fibra, à qui ai-je l’honneur ?',
          'u: Bonsoir, c’est Amélie Rousseau à l’appareil.',
          'a: Merci madame Rousseau. Quel est le souci ?',
          'u: Ma box redémarre toute seule toutes les nuits vers deux heures du matin.',
          'a: Avez-vous déjà essayé quelque chose ?',
          'u: Oui, j’ai changé la prise électrique et remis les paramètres d’usine.',
        ],
        summary:
          'Amélie Rousseau’s router restarts by itself every night around 2 am. She already changed the power socket and did a factory reset. The agent scheduled a line test.',
      },
    ],
    expect: { name: 'Amélie Rousseau', facts: ['Amélie Rousseau'] },
    questions: [
      { q: 'how often does her modem reboot?', a: ['every night', 'toutes les nuits'] },
      { q: 'what has she already attempted?', a: ['factory reset', 'prise', 'power socket'] },
      { q: 'what is her customer number?', a: null },
    ],
  },

  // ── noisy ASR ───────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-noisy-asr-3',
    category: 'noisy_asr',
    agent: 'support',
    caller: '+15550240306',
    calls: [
      {
        at: '2026-02-03T16:45:00Z',
        turns: [
          'a: Thanks for calling Meadowgas, who do I have on the line?',
          'u: hi um yeah this is uh kofi mensah',
          'a: Hi Kofi, how can I help?',
          'u: so my uh gas bill this month is like way way higher than normal and we were um away for three weeks in ghana so like nobody was even home',
          'a: That does sound wrong. It was an estimated reading; can you send me a photo of the meter?',
          'u: yeah yeah i can do that uh today',
        ],
        summary:
          'The caller disputed a much higher gas bill although the house was empty for three weeks while the family was in Ghana. The bill used an estimated reading; he will send a meter photo.',
      },
    ],
    expect: { name: 'Kofi Mensah', facts: ['Kofi Mensah'] },
    questions: [
      { q: 'why does he think the bill is wrong?', a: ['nobody was even home', 'away', 'empty'] },
      { q: 'where had the family travelled?', a: 'ghana' },
      { q: 'what is the serial number of his meter?', a: null },
    ],
  },
  {
    id: 'dev-noisy-asr-4',
    category: 'noisy_asr',
    agent: 'technical',
    caller: '+15550240307',
    calls: [
      {
        at: '2026-06-11T08:15:00Z',
        turns: [
          'a: Skyline Broadband technical support. Could I take your name?',
          'u: er yes its er its dominika dominika nowak',
          'a: Thanks Dominika. What is happening?',
          'u: the wifi keeps um dropping out like every ten minutes and then it comes back on its own',
          'a: Okay. Have you done anything so far?',
          'u: i unplugged the router for like a minute and plugged it back in but it didnt help',
        ],
        summary:
          'The caller’s wifi drops out roughly every ten minutes and reconnects by itself. Power-cycling the router did not help. The agent changed the wireless channel remotely.',
      },
    ],
    expect: { name: 'Dominika Nowak', facts: ['Dominika Nowak'] },
    questions: [
      { q: 'how frequently does the connection cut out?', a: ['ten minutes'] },
      { q: 'what troubleshooting had she done?', a: ['unplugged', 'power-cycling'] },
      { q: 'what broadband speed does she pay for?', a: null },
    ],
  },

  // ── spelled / corrected names ───────────────────────────────────────────────────────────────
  {
    id: 'dev-spelled-3',
    category: 'spelled_corrected',
    agent: 'support',
    caller: '+447700900308',
    calls: [
      {
        at: '2026-01-14T18:00:00Z',
        turns: [
          'a: Good evening, FitHouse memberships. Can I take your name?',
          "u: It's Katherine Boyle.",
          'a: Thanks Katherine, is that with a K and an E?',
          "u: A K, but actually it's K-A-T-H-R-Y-N. Kathryn, no E in the middle.",
          'a: Sorry about that, Kathryn. How can I help?',
          'u: I need to cancel my membership, I am relocating to Leeds for a new job next month.',
        ],
        summary:
          'Katherine Boyle asked to cancel her gym membership because she is relocating to Leeds for a new job next month. The agent processed the cancellation.',
      },
    ],
    expect: { name: 'Kathryn Boyle', facts: ['Kathryn Boyle'] },
    questions: [
      { q: 'how is the member’s first name spelled?', a: 'Kathryn' },
      { q: 'why is she ending her membership?', a: ['Leeds', 'relocating', 'new job'] },
      { q: 'which classes does she attend?', a: null },
    ],
  },
  {
    id: 'dev-spelled-4',
    category: 'spelled_corrected',
    agent: 'sales',
    caller: '+15550240309',
    calls: [
      {
        at: '2026-05-27T13:20:00Z',
        turns: [
          'a: Voltcycle fleet sales, who am I talking to?',
          'u: hi yeah this is mark du bwa',
          'a: Sorry, could you spell the surname for me?',
          "u: sure it's d u b o i s, dubois, and marc is with a c not a k",
          'a: Thank you Marc. What are you looking for?',
          'u: electric cargo bikes for our delivery riders, we have about twenty two grand set aside',
        ],
        summary: 'Marc Dubois wants electric cargo bikes for his delivery riders, budget about $22,000.',
      },
    ],
    expect: { name: 'Marc Dubois', facts: ['Marc Dubois', '$22,000'] },
    questions: [
      { q: 'what vehicles is he interested in?', a: ['cargo bikes', 'bike'] },
      { q: 'how much is he prepared to invest?', a: ['22,000', 'twenty two grand'] },
      { q: 'which city does the company operate in?', a: null },
    ],
  },

  // ── other people named ──────────────────────────────────────────────────────────────────────
  {
    id: 'dev-other-people-3',
    category: 'other_people',
    agent: 'support',
    caller: '+447700900310',
    calls: [
      {
        at: '2026-04-21T11:10:00Z',
        turns: [
          'a: HearWell supplies, who am I speaking with?',
          "u: Hello, Noor Rahman here. I'm calling about my mum's account actually, Fatima Rahman, I'm her carer.",
          'a: Thank you Noor. What do you need?',
          'u: Her hearing aid batteries keep going to her old flat. A technician called Greg came out in March and said he had updated it, but he had not.',
          'a: I have changed the delivery address now. Anything else?',
          'u: Please email me, not her, when the next box ships.',
        ],
        summary:
          'Noor Rahman, carer for the account holder Fatima Rahman, reported hearing aid batteries going to an old address despite a technician, Greg, saying he had updated it. The agent changed the address; Noor wants shipping emails.',
      },
    ],
    expect: { name: 'Noor Rahman', facts: ['Noor Rahman', 'email'] },
    questions: [
      { q: 'whose name is the account in?', a: 'Fatima' },
      { q: 'which engineer visited before?', a: 'Greg' },
      { q: "what is the account holder's date of birth?", a: null },
    ],
  },
  {
    id: 'dev-other-people-4',
    category: 'other_people',
    agent: 'sales',
    caller: '+32470000311',
    calls: [
      {
        at: '2026-08-31T15:35:00Z',
        turns: [
          'a: Dakwerk Roofing, good afternoon.',
          'u: Good afternoon, this is Pieter Claes. My wife Ingrid found you online, and our neighbour Jan had his roof done by you last year.',
          'a: Lovely to hear. What do you need?',
          'u: The flat roof over the extension leaks when it rains hard. Jan paid about seven thousand euros, but we would like to stay around five thousand euros.',
          'a: That depends on the size, but it is possible. When would suit you?',
          'u: Before the autumn storms, so September if you can.',
        ],
        summary:
          'Pieter Claes (his wife Ingrid found the company; neighbour Jan was a customer) needs the leaking flat roof over his extension fixed, budget about €5,000, ideally in September.',
      },
    ],
    expect: { name: 'Pieter Claes', facts: ['Pieter Claes', ['€5,000', '5.000 €']] },
    questions: [
      { q: 'who recommended the company to them?', a: 'Jan' },
      { q: 'what needs repairing?', a: ['roof', 'leak'] },
      { q: 'how old is the house?', a: null },
    ],
  },

  // ── agent names ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-agent-names-3',
    category: 'agent_names',
    agent: 'support',
    caller: '+15550240312',
    calls: [
      {
        at: '2026-12-02T17:25:00Z',
        turns: [
          'a: Hi there, you’re speaking with Nova, the digital assistant at Swiftpost. What can I do for you?',
          'u: Hey Nova. My tracking says delivered at 2 pm but there is nothing on my doorstep.',
          'a: I am sorry. The driver’s photo shows a blue door; is yours blue?',
          'u: No, ours is green, so he left it at the wrong house.',
          'a: I will open an investigation and call the driver. Anything else?',
          'u: No thanks Nova, that is everything.',
        ],
        summary:
          'The caller’s parcel was marked delivered at 2 pm but was left at the wrong house (the photo shows a blue door; theirs is green). Nova opened an investigation.',
      },
    ],
    expect: { name: null, facts: [] },
    questions: [
      { q: 'what colour is the caller’s front door?', a: 'green' },
      { q: 'what does the tracking claim?', a: 'delivered' },
      { q: 'what was inside the parcel?', a: null },
    ],
  },
  {
    id: 'dev-agent-names-4',
    category: 'agent_names',
    agent: 'technical',
    caller: '+27820000313',
    calls: [
      {
        at: '2026-09-16T20:40:00Z',
        turns: [
          'a: Hello, I’m Leo, your tech assistant from Vistavision. Who do I have here?',
          'u: Leo, hi. Bongani Dlamini.',
          'a: Thanks Bongani. What seems to be the problem?',
          'u: The new soundbar makes no sound at all when it is plugged into the TV with the HDMI cable.',
          'a: Please turn on HDMI-CEC in the TV settings and select the ARC port.',
          'u: Done, and now it works. My brother Sipho has the same TV, I will tell him.',
        ],
        summary:
          'Bongani Dlamini’s new soundbar had no sound over HDMI; Leo had him enable HDMI-CEC and choose the ARC port, which fixed it.',
      },
    ],
    expect: { name: 'Bongani Dlamini', facts: ['Bongani Dlamini'] },
    questions: [
      { q: 'which device had no audio?', a: 'soundbar' },
      { q: 'what setting fixed it?', a: ['CEC', 'ARC'] },
      { q: 'what model is the television?', a: null },
    ],
  },

  // ── outbound ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'dev-outbound-3',
    category: 'outbound',
    agent: 'sales',
    caller: '+447700900314',
    calls: [
      {
        at: '2026-10-06T10:30:00Z',
        direction: 'outbound',
        agentName: 'Chris',
        turns: [
          'a: Hi, is that Mr. Adeyemi? This is Chris from Horizon Insurance about your renewal.',
          "u: Yeah, Tunde Adeyemi. What's this about?",
          'a: Your car insurance renews next month and I wanted to go through the quote.',
          'u: The letter says nine hundred pounds. I was paying six hundred and fifty last year, I am not paying more than seven hundred.',
          'a: Understood. If we add a telematics box I can bring it to six hundred and ninety.',
          'u: Fine, do that.',
        ],
        summary:
          'Chris called Tunde Adeyemi about his car insurance renewal: the quote was £900 (he paid £650 last year) and he will not pay more than £700. With a telematics box it comes to £690, which he accepted.',
      },
    ],
    expect: { name: 'Tunde Adeyemi', facts: ['Tunde Adeyemi', '£700'] },
    questions: [
      { q: 'what did he pay last year?', a: ['650', 'six hundred and fifty'] },
      { q: 'how much was the renewal quote?', a: ['900', 'nine hundred'] },
      { q: 'how many claims has he made?', a: null },
    ],
  },
  {
    id: 'dev-outbound-4',
    category: 'outbound',
    agent: 'support',
    caller: '+31650000315',
    calls: [
      {
        at: '2026-11-23T09:05:00Z',
        direction: 'outbound',
        turns: [
          "a: Hello, I'm calling from Northgate Bank's fraud team. Am I speaking with Ms. Yılmaz?",
          'u: Yes, Elif speaking.',
          'a: Did you make a payment of 1,240 euros at an electronics shop in Rotterdam this morning?',
          'u: No, I have been at home in Utrecht all day, that was not me.',
          'a: Thank you. I have blocked the card; a new one will arrive by post within five working days.',
          'u: Okay. Please phone me again if anything else strange comes up.',
        ],
        summary:
          'The fraud team called Elif Yılmaz about a €1,240 payment at an electronics shop in Rotterdam that she did not make. The card was blocked and a new one will arrive by post.',
      },
    ],
    expect: { name: 'Elif Yılmaz', facts: ['Elif Yılmaz', 'phone'] },
    questions: [
      { q: 'where was the suspicious purchase made?', a: 'Rotterdam' },
      { q: 'how will her replacement card reach her?', a: 'post' },
      { q: 'what is her card limit?', a: null },
    ],
  },

  // ── paraphrased questions ───────────────────────────────────────────────────────────────────
  {
    id: 'dev-paraphrased-3',
    category: 'paraphrased',
    agent: 'support',
    caller: '+15550240316',
    calls: [
      {
        at: '2026-03-30T12:00:00Z',
        turns: [
          'a: Warmhome Services, how can I help?',
          "u: Hi, it's Grace Oduya. I need to push back the boiler service on Wednesday.",
          'a: No problem. May I ask why?',
          "u: My daughter is having her tonsils out that day and I'll be at the hospital with her.",
          'a: I hope it goes well. I have moved the visit to the following Monday.',
          'u: Thank you.',
        ],
        summary: 'Grace Oduya moved her boiler service from Wednesday to the following Monday; her daughter is having a tonsil operation.',
      },
    ],
    expect: { name: 'Grace Oduya', facts: ['Grace Oduya'] },
    questions: [
      { q: 'why did she postpone the appointment?', a: ['tonsil', 'hospital'] },
      { q: 'what maintenance was booked?', a: 'boiler' },
      { q: 'what make is her heater?', a: null },
    ],
  },
  {
    id: 'dev-paraphrased-4',
    category: 'paraphrased',
    agent: 'technical',
    caller: '+15550240317',
    calls: [
      {
        at: '2026-07-07T07:50:00Z',
        turns: [
          'a: Corelink technical support, who is calling?',
          'u: Morning, this is Anton Reyes.',
          'a: Morning Anton. What is going on?',
          'u: Since Monday the whole house has had no internet. The router lights are on but nothing loads.',
          'a: Are you able to work in the meantime?',
          'u: I work from home, so I have been tethering off my phone, which is eating my data.',
          'a: There is a fault at the street cabinet; an engineer is fixing it today.',
        ],
        summary:
          'Anton Reyes has had no internet since Monday due to a street cabinet fault; he works from home and has been tethering from his phone. An engineer is fixing it today.',
      },
    ],
    expect: { name: 'Anton Reyes', facts: ['Anton Reyes'] },
    questions: [
      { q: 'when did the outage start?', a: 'Monday' },
      { q: 'how is he getting online in the meantime?', a: ['tethering', 'phone'] },
      { q: 'what caused the broadband to go down?', a: ['cabinet'] },
      { q: 'which browser does he use?', a: null },
    ],
  },
  {
    id: 'dev-paraphrased-5',
    category: 'paraphrased',
    agent: 'sales',
    caller: '+15550240318',
    calls: [
      {
        at: '2026-05-05T15:15:00Z',
        turns: [
          'a: Beacon Motor Insurance, sales. Who am I talking with?',
          "u: Hi, I'm Lorraine Pike. We just got a second car, a little hatchback for my son to learn in.",
          'a: Congratulations. Would you like to add it to your policy?',
          'u: Yes, as long as the whole thing stays below a hundred and twenty a month.',
          'a: I can do one hundred and twelve with him as a named learner driver.',
          'u: Lovely, go ahead.',
        ],
        summary:
          'Lorraine Pike bought a second car, a hatchback for her son to learn in, and added it to her policy with her son as a learner driver for $112 a month (her limit was $120).',
      },
    ],
    expect: { name: 'Lorraine Pike', facts: ['Lorraine Pike'] },
    questions: [
      { q: 'what vehicle did the family acquire?', a: 'hatchback' },
      { q: 'who will be driving it?', a: 'son' },
      { q: 'what is the most she will pay per month?', a: ['120', 'hundred and twenty'] },
      { q: 'what colour is the new car?', a: null },
    ],
  },

  // ── numbers, money and dates ────────────────────────────────────────────────────────────────
  {
    id: 'dev-numbers-3',
    category: 'numbers_dates',
    agent: 'sales',
    caller: '+15550240319',
    calls: [
      {
        at: '2026-09-10T14:00:00Z',
        turns: [
          'a: Summit Decks and Fences. Who is this?',
          "u: Hi there, it's Curtis Lamb.",
          'a: Hi Curtis. What is the project?',
          'u: A cedar deck off the back of the house, roughly eighty-five hundred dollars is what we have.',
          'a: And when do you need it?',
          'u: In six weeks, we have a family reunion.',
        ],
        summary: 'Curtis Lamb wants a cedar deck behind his house, budget about $8,500, needed in six weeks for a family reunion.',
      },
    ],
    expect: { name: 'Curtis Lamb', facts: ['Curtis Lamb', '$8,500', 'six weeks', '2026-10'] },
    questions: [
      { q: 'what is the maximum they can spend?', a: ['8,500', 'eighty-five hundred'] },
      { q: 'what wood should the deck be made of?', a: 'cedar' },
      { q: 'what is the occasion?', a: 'reunion' },
      { q: 'how big is the garden?', a: null },
    ],
  },
  {
    id: 'dev-numbers-4',
    category: 'numbers_dates',
    agent: 'sales',
    caller: '+31620000320',
    calls: [
      {
        at: '2026-04-14T10:20:00Z',
        turns: [
          'a: Good morning, Flexspace Storage, how can I help you?',
          "u: Good morning, I'm Femke Visser. We are moving offices and need storage for about forty archive boxes.",
          'a: For how long and what budget?',
          'u: Three months, and we have 3.500 euro for the whole thing.',
          'a: When would you start?',
          'u: The end of next month.',
        ],
        summary:
          'Femke Visser needs storage for about forty archive boxes for three months during an office move, budget €3,500, starting at the end of next month.',
      },
    ],
    expect: { name: 'Femke Visser', facts: ['Femke Visser', ['€3,500', '3.500'], 'end of next month', '2026-05'] },
    questions: [
      { q: 'how much money do they have for it?', a: ['3,500', '3.500'] },
      { q: 'how many boxes need storing?', a: ['forty', '40'] },
      { q: 'for how many months?', a: ['three months'] },
      { q: 'do they need climate control?', a: null },
    ],
  },

  // ── changed facts over two calls ────────────────────────────────────────────────────────────
  {
    id: 'dev-changed-3',
    category: 'changed_facts',
    agent: 'support',
    caller: '+447700900321',
    calls: [
      {
        at: '2026-02-10T09:00:00Z',
        turns: [
          'a: Greenbox deliveries, who am I speaking with?',
          "u: Hi, it's Rhiannon Pryce. I want to set up a weekly vegetable box.",
          'a: Lovely. Where should we deliver it?',
          'u: To 14 Elm Street, Cardiff. Leave it in the porch if I am out.',
          'a: All set, first box on Friday.',
        ],
        summary: 'Rhiannon Pryce set up a weekly vegetable box delivered to 14 Elm Street, Cardiff, left in the porch if she is out.',
        dataCollection: { delivery_address: '14 Elm Street, Cardiff' },
      },
      {
        at: '2026-06-02T09:30:00Z',
        turns: [
          'a: Greenbox deliveries, who am I speaking with?',
          "u: Rhiannon Pryce again. We've moved house, so the boxes need to go to 9 Kingfisher Close, Penarth from now on.",
          'a: Updated. Same day?',
          'u: Yes, Fridays still suit me.',
        ],
        summary: 'Rhiannon Pryce moved house; her weekly vegetable box now goes to 9 Kingfisher Close, Penarth, on Fridays.',
        dataCollection: { delivery_address: '9 Kingfisher Close, Penarth' },
      },
    ],
    expect: {
      name: 'Rhiannon Pryce',
      facts: ['Rhiannon Pryce', '9 Kingfisher Close'],
      changed: [{ q: 'where should her box be delivered?', was: 'Elm Street', now: 'Kingfisher Close' }],
    },
    questions: [
      { q: 'which day are deliveries?', a: 'Friday' },
      { q: 'is she allergic to anything?', a: null },
    ],
  },
  {
    id: 'dev-changed-4',
    category: 'changed_facts',
    agent: 'sales',
    caller: '+15550240322',
    calls: [
      {
        at: '2026-04-08T17:00:00Z',
        turns: [
          'a: Brightside Solar, who am I talking to?',
          "u: Hi, I'm Oskar Lindgren, we're looking at a solar roof for the farmhouse.",
          'a: What budget do you have in mind?',
          'u: About forty-five thousand dollars, and we would like to start in September.',
          'a: Great, I will prepare a proposal.',
        ],
        summary: 'Oskar Lindgren is considering a solar roof for his farmhouse, budget about $45,000, start in September.',
      },
      {
        at: '2026-08-20T16:10:00Z',
        turns: [
          'a: Brightside Solar, who am I talking to?',
          'u: Oskar Lindgren. Two changes: the barn needs re-roofing first, so we have to wait until next spring.',
          'a: Understood. Anything else?',
          'u: Yes, with the grant we got we can now go up to sixty thousand dollars.',
          'a: That opens up the battery option. I will revise the proposal.',
        ],
        summary:
          'Oskar Lindgren postponed the solar roof to next spring because the barn needs re-roofing first; with a grant the budget is now $60,000.',
      },
    ],
    expect: {
      name: 'Oskar Lindgren',
      facts: ['Oskar Lindgren', '$60,000', 'spring'],
      changed: [
        { q: 'how much can he spend on the project?', was: ['$45,000', 'forty-five'], now: ['$60,000', 'sixty thousand'] },
        { q: 'when will the installation start?', was: 'September', now: 'spring' },
      ],
    },
    questions: [
      { q: 'why was the project delayed?', a: 'barn' },
      { q: 'where does the extra money come from?', a: 'grant' },
      { q: 'how many panels does he want?', a: null },
    ],
  },

  // ── long calls with one buried fact ─────────────────────────────────────────────────────────
  {
    id: 'dev-long-3',
    category: 'long_calls',
    agent: 'support',
    caller: '+447700900323',
    calls: [
      {
        at: '2026-10-12T12:40:00Z',
        turns: [
          'a: Council parking services, who am I speaking with?',
          "u: Hello, I'm Wendy Okafor, I'd like a residents' parking permit for my street.",
          'a: Certainly. How are you finding the area?',
          ...ramble('family', 31, 26),
          'a: For the permit I need the car registration.',
          "u: It's KX19 BFD, a silver estate, and the V5 is in my name.",
          ...ramble('family', 32, 26),
          'a: Your permit will be posted within ten days.',
          'u: Wonderful, thank you for your patience.',
        ],
        summary: 'Wendy Okafor applied for a residents’ parking permit; it will be posted within ten days.',
      },
    ],
    expect: { name: 'Wendy Okafor', facts: ['Wendy Okafor'] },
    questions: [
      { q: 'what is the number plate of her vehicle?', a: 'KX19' },
      { q: 'what did she apply for?', a: 'permit' },
      { q: 'what is her council tax band?', a: null },
    ],
  },
  {
    id: 'dev-long-4',
    category: 'long_calls',
    agent: 'technical',
    caller: '+15550240324',
    calls: [
      {
        at: '2026-11-09T09:30:00Z',
        turns: [
          'a: Deskpro support, good morning. Who am I talking to?',
          "u: Morning, it's Rafael Moreau. My docking station keeps disconnecting both monitors.",
          'a: Let us look at it together. Tell me about your setup.',
          ...ramble('work', 41, 24),
          'a: The status light on the dock is red or green at the moment?',
          'u: Honestly I cannot tell, I am colour blind, red and green look the same to me, so I go by the sound it makes.',
          ...ramble('work', 42, 24),
          'a: I have pushed a firmware update to the dock; please restart it after this call.',
          'u: Will do, thanks for sticking with me.',
        ],
        summary:
          'Rafael Moreau’s docking station kept disconnecting both monitors; the agent pushed a firmware update and asked him to restart the dock.',
      },
    ],
    expect: { name: 'Rafael Moreau', facts: ['Rafael Moreau'] },
    questions: [
      { q: 'does he have trouble telling colours apart?', a: 'colour blind' },
      { q: 'what keeps dropping the screens?', a: ['docking station', 'dock'] },
      { q: 'which operating system does he run?', a: null },
    ],
  },

  // ── data collection only ────────────────────────────────────────────────────────────────────
  {
    id: 'dev-data-only-3',
    category: 'data_collection_only',
    agent: 'support',
    caller: '+64210000325',
    calls: [
      {
        at: '2026-07-21T03:00:00Z',
        turns: ['a: Kia ora, Tidewater Plumbing bookings, I have your details now.', 'u: Yep.', 'a: We will be in touch. Bye.'],
        summary: 'The agent took the booking details.',
        dataCollection: {
          full_name: 'Rangi Parata',
          problem: 'water leak under the kitchen sink',
          preferred_time: 'weekday afternoons',
          postcode: '3010',
        },
      },
    ],
    expect: { name: 'Rangi Parata', facts: ['Rangi Parata', 'kitchen sink', 'weekday afternoons'] },
    questions: [
      { q: 'where is the leak?', a: 'kitchen sink' },
      { q: 'when can the plumber visit?', a: 'afternoons' },
      { q: 'has he had a plumber out before?', a: null },
    ],
  },
  {
    id: 'dev-data-only-4',
    category: 'data_collection_only',
    agent: 'sales',
    caller: '+33622000326',
    calls: [
      {
        at: '2026-12-14T16:00:00Z',
        turns: ['a: Bonjour, Autoroute Motors, just confirming the details of your enquiry.', 'u: Oui, okay.', 'a: Merci, au revoir.'],
        summary: 'The agent confirmed the details of a car enquiry.',
        dataCollection: {
          first_name: 'Mireille',
          last_name: 'Fontaine',
          vehicle_interest: 'hybrid SUV',
          trade_in: '2017 Peugeot 308',
          monthly_budget: '€450',
        },
      },
    ],
    expect: { name: 'Mireille Fontaine', facts: ['Mireille Fontaine', 'hybrid SUV', '450'] },
    questions: [
      { q: 'what car is she trading in?', a: 'Peugeot' },
      { q: 'what monthly payment can she afford?', a: '450' },
      { q: 'what is her driving licence number?', a: null },
    ],
  },
];
