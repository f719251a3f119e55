import fc from 'fast-check';
import { type CallRecord, findCallerName, isNameWord, properCase, type Turn } from '../src';
import { agentNames, otherPeople } from '../src/extraction/caller-name';

const caller = (text: string): Turn => ({ speaker: 'caller', text, offsetSecs: null });
const agent = (text: string): Turn => ({ speaker: 'agent', text, offsetSecs: null });
const name = (turns: Turn[], summary: string | null = null, extra: Partial<Pick<CallRecord, 'direction' | 'agentName'>> = {}) =>
  findCallerName({ turns, summary, ...extra });

describe('findCallerName: self-introductions', () => {
  it.each([
    ['Hi, this is Chloé Lefèvre.', 'Chloé Lefèvre'],
    ['Good morning, my name is Bartłomiej Wróblewski, I run logistics.', 'Bartłomiej Wróblewski'],
    ['Hello, Trần Thị Mai speaking.', 'Trần Thị Mai'],
    ['Morning, Hamish Baird here.', 'Hamish Baird'],
    ["I'm Dervla Quinn. My husband Tom set the account up.", 'Dervla Quinn'],
  ])('%s → %s', (text, expected) => {
    expect(name([agent('Who am I speaking with?'), caller(text)])).toBe(expected);
  });

  it.each([
    ['es', 'Hola, buenas tardes. Me llamo Íñigo Etxeberria.', 'Íñigo Etxeberria'],
    ['fr', 'Bonjour, je m’appelle Hélène Marchetti.', 'Hélène Marchetti'],
    ['de', 'Guten Morgen, mein Name ist Jörg Hübner.', 'Jörg Hübner'],
    ['pt', 'Bom dia, o meu nome é João Gonçalves.', 'João Gonçalves'],
    ['it', 'Buongiorno, mi chiamo Lorenzo Bianchi.', 'Lorenzo Bianchi'],
    ['nl', 'Goedemiddag, u spreekt met Maarten van Dijk.', 'Maarten van Dijk'],
  ])('%s introduction', (_lang, text, expected) => {
    expect(name([caller(text)])).toBe(expected);
  });

  it('reads uncased ASR with fillers and stutters, and cases the name', () => {
    expect(name([caller('so um yeah its priya um priya nair')])).toBe('Priya Nair');
    expect(name([caller("yeah hi uh this is marcus um marcus o'brien")])).toBe("Marcus O'Brien");
    expect(name([caller('uh yes hi its its ingrid uh ingrid solberg')])).toBe('Ingrid Solberg');
  });

  it('never takes a common word after an introduction for a name', () => {
    expect(name([caller("I'm calling about my bill. It's fine, this is the second time.")])).toBeNull();
    expect(name([caller('its like the the app keeps buffering')])).toBeNull();
  });
});

describe('findCallerName: corrections and spellings (the latest wins)', () => {
  it('takes a correction over the first name given', () => {
    expect(
      name([
        agent('Who am I speaking with?'),
        caller("It's Steven."),
        agent('Is that with a V?'),
        caller("Sorry, no, it's Stephen with a P-H. Stephen Mallory."),
      ]),
    ).toBe('Stephen Mallory');
  });

  it('keeps the name when the caller denies the agent’s spelling, and reads a spelled surname', () => {
    expect(
      name([
        agent('May I take your name?'),
        caller("Sure, it's Ann Kowalczyk."),
        agent('Is that Anne with an E?'),
        caller('No, Ann without an E. And the surname is K-O-W-A-L-C-Z-Y-K.'),
      ]),
    ).toBe('Ann Kowalczyk');
  });

  it('a bare answer to "spell the last name" completes the name', () => {
    expect(
      name([
        agent('May I have your first and last name?'),
        caller('Ravi Subramaniam.'),
        agent('Could you spell the last name for me?'),
        caller('S-U-B-R-A-M-A-N-I-A-M.'),
      ]),
    ).toBe('Ravi Subramaniam');
  });
});

describe('findCallerName: self-repairs and casing', () => {
  it.each([
    ['hiya its shaz well sharon sharon mcgee', 'Sharon Mcgee'],
    ["it's john sorry jon ashworth", 'Jon Ashworth'],
    ['this is tom i mean thomas okafor', 'Thomas Okafor'],
    ['its priya nair', 'Priya Nair'],
  ])('%s → %s', (said, expected) => {
    expect(name([agent('Can I take your name please?'), caller(said)])).toBe(expected.replace('Mcgee', 'McGee'));
  });

  it('a word said twice is a stutter, unless the summary writes the name with it doubled (Dee Dee)', () => {
    const turns = [agent('Can I have your name?'), caller('yeah um its dee dee walker')];
    expect(name(turns)).toBe('Dee Walker');
    expect(name(turns, "Dee Dee Walker's insulin delivery did not arrive.")).toBe('Dee Dee Walker');
    expect(name([agent('Who am I speaking with?'), caller('uh yeah its its ray ray delgado')], 'Ray Delgado reports a paper jam.')).toBe(
      'Ray Delgado',
    );
  });

  it('a repair marker with no name after it keeps the name said before', () => {
    expect(name([agent('Can I take your name please?'), caller('its sharon mcgee well i was calling about my card')])).toBe('Sharon McGee');
  });

  it('uncased speech is written as the summary writes the same name', () => {
    const turns = [agent('Who am I speaking with?'), caller('yeah its deborah macinnes')];
    expect(name(turns)).toBe('Deborah Macinnes');
    expect(name(turns, 'Deborah MacInnes called about her order.')).toBe('Deborah MacInnes');
    expect(properCase('mcallister')).toBe('McAllister');
    expect(properCase('mackenzie')).toBe('Mackenzie');
  });
});

describe('findCallerName: corrections by likeness, fillers, vocatives, confirmed surnames', () => {
  it('a spelling replaces the name word it resembles, not always the last one', () => {
    const turns = [
      agent('Can I take your name?'),
      caller("It's Katherine Boyle."),
      agent('Is that with a K and an E?'),
      caller("A K, but actually it's K-A-T-H-R-Y-N. Kathryn, no E in the middle."),
    ];
    expect(name(turns, 'Katherine Boyle asked to cancel.')).toBe('Kathryn Boyle');
  });

  it('a surname spelled in an uncased transcript replaces a misheard one, and "X is with a C" rewrites X', () => {
    const turns = [
      agent('Who am I talking to?'),
      caller('hi yeah this is mark du bwa'),
      agent('Sorry, could you spell the surname for me?'),
      caller("sure it's d u b o i s, dubois, and marc is with a c not a k"),
    ];
    expect(name(turns)).toBe('Marc Dubois');
  });

  it('a note about a letter never renames the caller after an unrelated word', () => {
    const turns = [agent('Who is calling?'), caller("It's Ruth Okoye. I'll have the coffee with a dash of milk, by the way.")];
    expect(name(turns)).toBe('Ruth Okoye');
  });

  it('skips fillers right after the introduction phrase', () => {
    expect(name([agent('Who do I have on the line?'), caller('hi um yeah this is uh kofi mensah')])).toBe('Kofi Mensah');
    expect(name([caller('Hello, this is, um, Beatriz Lopes.')])).toBe('Beatriz Lopes');
  });

  it('reads a bare name said after the agent’s own name ("Leo, hi. Bongani Dlamini.")', () => {
    const turns = [agent('Hello, I’m Leo, your tech assistant. Who do I have here?'), caller('Leo, hi. Bongani Dlamini.')];
    expect(name(turns)).toBe('Bongani Dlamini');
  });

  it('a first name given after a confirmed "Ms. <surname>" completes it', () => {
    const turns = [agent('Am I speaking with Ms. Yılmaz?'), caller('Yes, Elif speaking.')];
    expect(name(turns, null, { direction: 'outbound' })).toBe('Elif Yılmaz');
  });
});

describe('findCallerName: agents, other people, outbound calls, summaries', () => {
  it('never uses the agent’s name (self-introduction or metadata)', () => {
    const turns = [agent("Hi, I'm Ava, the virtual assistant."), caller('Hi Ava, thanks Ava. Last time I spoke to Jordan.')];
    expect(name(turns, 'The caller asked Ava about a claim.', { agentName: 'Ava' })).toBeNull();
    expect(agentNames({ turns, agentName: null })).toEqual(new Set(['ava']));
    expect(
      name([agent('Hello, this is Marco from Solaris.'), caller("Hi Marco, my name's Gwen Ashby.")], 'Marco spoke with Gwen Ashby.'),
    ).toBe('Gwen Ashby');
  });

  it('an agent naming itself "X from Company here" is never the caller, even when the summary names it first', () => {
    const turns = [
      agent('Hi, Sophie from Bondi Blinds here, thanks for calling back!'),
      caller("Hi Sophie, yeah, I'm after blockout blinds."),
    ];
    expect(agentNames({ turns, agentName: null })).toEqual(new Set(['sophie']));
    expect(name(turns, 'The caller wants blockout blinds. Sophie will email a quote.')).toBeNull();
  });

  it('never uses someone the caller mentions', () => {
    expect(
      name(
        [caller('I am calling on behalf of my manager, Mr. Karim Haddad.')],
        'Lena Sayegh, assistant to Karim Haddad, asked for a quote.',
      ),
    ).toBe('Lena Sayegh');
    expect(otherPeople({ turns: [caller('My husband Tom and your colleague Rachel.')], summary: null })).toEqual(
      new Set(['tom', 'rachel']),
    );
  });

  it('takes the name an outbound agent asks for once the person confirms', () => {
    const turns = [
      agent('Hello, am I speaking with Emeka Okonkwo?'),
      caller('Speaking.'),
      agent('Hi Emeka, this is Sam calling from Greenleaf Solar.'),
    ];
    expect(name(turns, null, { direction: 'outbound', agentName: 'Sam' })).toBe('Emeka Okonkwo');
    expect(name([agent('Is this Ms. Sandoval?'), caller("Yes, that's me.")], null, { direction: 'outbound' })).toBe('Ms. Sandoval');
    expect(name([agent('Buongiorno, parlo con la signora Giulia Ferraro?'), caller('Sì, sono io.')])).toBe('Giulia Ferraro');
    expect(name([agent('Is this Ms. Sandoval?'), caller('No, wrong number.')])).toBeNull();
  });

  it('reads the third-person openings of platform summaries, and completes a first name from them', () => {
    expect(name([], 'Maya Okafor, a premium customer since 2019, reported wifi drops.')).toBe('Maya Okafor');
    expect(name([], 'The caller, Daniel Reyes, is interested in solar.')).toBe('Daniel Reyes');
    expect(name([], 'The user called to ask about a refund.')).toBeNull();
    expect(name([caller("It's Rosa.")], 'Rosa Delgado reported a ripped seam.')).toBe('Rosa Delgado');
  });
});

describe('name words', () => {
  it('accepts letters of any script and refuses common words', () => {
    for (const w of ['Chloé', 'Bartłomiej', 'Åsa', 'Íñigo', 'Trần', 'Dervla', "O'Brien", 'Jean-Luc'])
      expect(isNameWord(w, false)).toBe(true);
    for (const w of ['calling', 'Fine', 'the', 'sorry', 'K-O-W']) expect(isNameWord(w, false)).toBe(false);
  });

  it('properCase is idempotent and keeps the letters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zà-ÿ]{2,10}(?:['-][a-zà-ÿ]{2,10})?$/), (w) => {
        const once = properCase(w);
        expect(properCase(once)).toBe(once);
        expect(once.toLowerCase()).toBe(w.toLowerCase());
      }),
    );
  });

  it('findCallerName never throws and returns a name of name words or null', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.string({ maxLength: 80 })), { maxLength: 6 }),
        fc.option(fc.string({ maxLength: 80 })),
        (turns, summary) => {
          const found = name(
            turns.map(([isCaller, text]) => (isCaller ? caller(text) : agent(text))),
            summary,
          );
          if (found !== null) expect(found.trim().length).toBeGreaterThan(1);
        },
      ),
    );
  });
});

describe('findCallerName: the transcript’s casing', () => {
  it('in a cased call, a turn whose only capital is "I" is still cased ("I\'m paying…" is no name)', () => {
    const turns = [
      agent('Who am I speaking with?'),
      caller("Hi, it's Brodie Nguyen."),
      agent("Hey Brodie, what's happening?"),
      caller("I'm paying for a hundred megabits but speed tests show around eight."),
    ];
    expect(name(turns)).toBe('Brodie Nguyen');
    // An uncased call still reads "i'm priya nair" as a name, and letters spelled in capitals do not make it cased.
    expect(name([agent('Who am I speaking with?'), caller("yeah i'm priya nair")])).toBe('Priya Nair');
    const spelled = [
      agent('Your name please?'),
      caller("it's caitlin o'sullivan"),
      agent('Is that Kaitlyn with a K?'),
      caller('no C A I T L I N'),
    ];
    expect(name(spelled)).toBe("Caitlin O'Sullivan");
    expect(name(spelled, "Kaitlyn O'Sullivan reports a jammed lock.")).toBe("Caitlin O'Sullivan");
  });
});

describe('findCallerName: numbers, spelling alphabets and names asked of others', () => {
  it('never reads a number said in words as a name', () => {
    expect(name([agent('Name and date of birth please?'), caller('yeah its kofi kofi mensah uh third of the sixth eighty one')])).toBe(
      'Kofi Mensah',
    );
    expect(name([caller('its ronan byrne'), agent('And the address?'), caller('its um sixty eight harbour view')])).toBe('Ronan Byrne');
  });

  it('reads a run of the spelling alphabet as letters, not a name', () => {
    expect(name([agent('And the reference?'), caller('its uh lima delta four four echo')])).toBeNull();
    expect(name([agent('The postcode?'), caller('its romeo golf nine two')])).toBeNull();
    // A name that is also a letter of the alphabet, said on its own, is still a name.
    expect(name([agent('Who am I speaking with?'), caller('its victor oyelowo')])).toBe('Victor Oyelowo');
  });

  it.each([
    ["What's her name?", 'Amara.'],
    ["And your husband's name?", 'Ifeanyi Obi.'],
    ['Can I take the name of your daughter?', "It's Zainab."],
    ["What's the patient's first name?", 'Tolu, Toluwani Adeyemi.'],
  ])('an answer to "%s" names someone else', (question, answer) => {
    expect(name([agent(question), caller(answer)])).toBeNull();
  });

  it('takes the name after the caller names their own role ("I\'m his dad, …")', () => {
    expect(name([agent("What's his name?"), caller("Kai. And I'm his dad, Lars Eriksen.")])).toBe('Lars Eriksen');
    expect(name([caller('Hello, this is her mother, Grainne Walsh, calling about the booking.')])).toBe('Grainne Walsh');
  });

  it('trusts the summary’s opening over a different first name read from one phrase, when the call says it', () => {
    const turns = [agent('What was the name?'), caller('Marek. Sorry, I mean the booking is for Marek, I am Ilse, Ilse Brandt.')];
    expect(name([agent('What was the name?'), caller('Marek Brandt, please.')], 'Ilse Brandt called to book a table.')).toBe(
      'Marek Brandt',
    );
    expect(name(turns, 'Ilse Brandt called to book a table for her son Marek.')).toBe('Ilse Brandt');
    // A later sentence's subject is not the caller: the spoken name stands.
    expect(name([agent('Your name?'), caller('Odette Lamarr.')], 'The booking was changed. Pierre is her son.')).toBe('Odette Lamarr');
    // A respelling is the same person: the spoken (corrected) form stands.
    expect(name([agent('Your name?'), caller("Stephen Clarke, that's Stephen with a P H.")], 'Steven Clarke called about a refund.')).toBe(
      'Stephen Clarke',
    );
  });
});

describe('findCallerName: double-barrelled spellings, repeats and short forms', () => {
  it('a part of a double-barrelled surname spelled confirms it', () => {
    const turns = [
      agent('Who am I speaking with?'),
      caller('Mei Fairfax-Oduya.'),
      agent('Thanks, and the surname was Fairfax?'),
      caller("It's double-barrelled: Fairfax, hyphen, Oduya. F-A-I-R-F-A-X, then O-D-U-Y-A."),
    ];
    expect(name(turns)).toBe('Mei Fairfax-Oduya');
  });

  it('the name said again after "could you repeat that?" replaces a misheard one', () => {
    const turns = [
      agent('Can I take a name?'),
      caller('its theo dor ah kiss'),
      agent('Sorry, could you repeat that?'),
      caller('theodora kis k i s'),
    ];
    expect(name(turns)).toBe('Theodora Kis');
    // Not after a request to repeat something else.
    expect(name([caller("It's Ravi Shah."), agent('Could you repeat the postcode?'), caller('Maple Court.')])).toBe('Ravi Shah');
  });

  it('the summary’s formal given name replaces a short form said ("Sam Baxter" → "Samuel Baxter")', () => {
    expect(name([agent('Your name?'), caller('Sam Baxter.')], 'Samuel Baxter called about his pension.')).toBe('Samuel Baxter');
    expect(name([agent('Your name?'), caller('Joe Baxter.')], 'Joseph Baxter called about his pension.')).toBe('Joseph Baxter');
    // Another surname is another person: the spoken name stands.
    expect(name([agent('Your name?'), caller('Sam Baxter.')], 'Samuel Reid called about his pension.')).toBe('Sam Baxter');
  });
});

it('a summary that keeps a first spelling one letter longer does not undo the caller’s correction', () => {
  const turns = [agent('Your name?'), caller('Jon Ashby.'), agent('John with an H?'), caller('No, Jon without the H.')];
  expect(name(turns, 'John Ashby called about a refund.')).toBe('Jon Ashby');
});

describe('findCallerName: references spelled, nicknames, marks, particles, more languages', () => {
  it('a confirmed "was that …?" names the caller; a reference spelled later is no surname', () => {
    const turns = [
      caller('hi its nee av oh brady calling about my claim'),
      agent('Sorry, was that Niamh O’Brady?'),
      caller('yes thats me'),
      agent('And the reference?'),
      caller('its k l m p t 4 4 0 9'),
    ];
    expect(name(turns)).toBe("Niamh O'Brady");
  });

  it('letters spelled with no talk of the name are not the name', () => {
    const turns = [agent('Your name?'), caller('Ravi Menon.'), agent('And the postcode?'), caller('S-W-one, then K-X-N.')];
    expect(name(turns)).toBe('Ravi Menon');
  });

  it('"friends call me …" is a nickname, not the name', () => {
    expect(name([agent('Your name?'), caller('Aleksandra Nowicka. Friends call me Ola, but the account is the full name.')])).toBe(
      'Aleksandra Nowicka',
    );
  });

  it('writes the name with the marks the call writes it with, and a word said again with its marks keeps its place', () => {
    const turns = [
      agent('Your name?'),
      caller('Malgorzata Wroblewska.'),
      agent('Could you spell the surname?'),
      caller('W-R-O-B-L-E-W-S-K-A, with an accent on the O, so it is Wróblewska.'),
      agent('So Małgorzata Wróblewska, with the Polish letters.'),
    ];
    expect(name(turns)).toBe('Małgorzata Wróblewska');
  });

  it('reads particles in a row ("de la Cruz", "van der Berg")', () => {
    expect(name([agent('Can I take your name?'), caller('Ines Nunez de la Cruz. Lowercase de la.')])).toBe('Ines Nunez de la Cruz');
    expect(name([agent('Your name, please?'), caller('Pieter van der Berg.')])).toBe('Pieter van der Berg');
  });

  it('a later sentence of the summary names the caller only with a full name', () => {
    expect(name([caller('Bună ziua, vreau să trimit un colet.')], 'A parcel booking was made. Collection is on Thursday.')).toBeNull();
  });

  it('the summary’s surname wins over one said otherwise when the call spells or says it', () => {
    const turns = [agent('Your name?'), caller("It's Imogen Fanshaw, that's how you say it."), caller('It is spelled Featherstonehaugh.')];
    expect(name(turns, "Imogen Featherstonehaugh (pronounced 'Fanshaw') registered for temp work.")).toBe('Imogen Featherstonehaugh');
  });

  it.each([
    ['ro', 'Bună ziua, mă numesc Ioana Țăranu.', 'Ioana Țăranu'],
    ['pl', 'Dzień dobry, nazywam się Bartosz Wiśniewski.', 'Bartosz Wiśniewski'],
    ['sv', 'Hej, jag heter Åsa Lindqvist.', 'Åsa Lindqvist'],
    ['tr', 'Merhaba, benim adım Elif Yılmaz.', 'Elif Yılmaz'],
  ])('%s introduction', (_lang, text, expected) => {
    expect(name([caller(text)])).toBe(expected);
  });

  it('a bare name answers a name question in Romanian, Polish, Swedish and Turkish too', () => {
    expect(name([agent('Pe ce nume fac rezervarea?'), caller('Ioana Țăranu.')])).toBe('Ioana Țăranu');
    expect(name([agent('Jak się pan nazywa?'), caller('Tomasz Zieliński.')])).toBe('Tomasz Zieliński');
    expect(name([agent('Vad heter du?'), caller('Karin Berg.')])).toBe('Karin Berg');
    expect(name([agent('Adınız nedir?'), caller('Mert Kaya.')])).toBe('Mert Kaya');
  });
});

describe('findCallerName: introductions in place, people greeted, summaries of friends', () => {
  it.each([
    ["She's moved past Hot Cross Buns. Now it's Ode to Joy about ninety times a day."],
    ['Honestly this is Luna all over, she never sleeps.'],
    ['We went to the lake and it was Marta who found the keys.'],
  ])('no name from "it\'s"/"this is" mid-sentence: %s', (text) => {
    expect(name([agent('How are things?'), caller(text)])).toBeNull();
  });

  it.each([
    ["Hi Rhys, sorry, it's Gareth Pryce.", 'Gareth Pryce'],
    ["Hey Dev! It's Marisol, finally.", 'Marisol'],
    ['uh yes hi its its ingrid uh ingrid solberg', 'Ingrid Solberg'],
  ])('an opening introduction still names the caller: %s', (text, expected) => {
    expect(name([agent('Hello?'), caller(text)])).toBe(expected);
  });

  it('a name the caller greets or thanks is the agent’s, never the caller’s', () => {
    const turns = [caller("Hey Priya, how's your week going?"), agent('Busy! New client.'), caller('Thanks, Priya. Talk soon.')];
    expect(agentNames({ turns })).toContain('priya');
    expect(name(turns, 'Priya told Tobias she is illustrating a picture book.')).toBeNull();
    // Answering "who's calling?" with a greeting and a name is the caller's own name.
    expect(agentNames({ turns: [agent("Who's calling, please?"), caller('Hello, Sharon.')] })).not.toContain('sharon');
  });

  it.each([
    ['Joaquin told Wren he bought a used food truck.', 'Joaquin'],
    ['Marisol confided to Dev that she plans to move.', 'Marisol'],
    ['Gwenllian Pritchard of Cae Mawr farm near Llanidloes called to book shearing.', 'Gwenllian Pritchard'],
  ])('the summary’s subject: %s', (summary, expected) => {
    // The friend told is known as the one on the other end: the caller greets them by name.
    expect(name([caller('Hey Wren! Hi Dev!'), agent('Hello!')], summary)).toBe(expected);
  });

  it('"<name> told <someone else>" names no caller unless the one told is the agent', () => {
    expect(name([caller('Hiya!'), agent('Hello!')], 'Emma told Raj that his replacement card would arrive on Friday.')).toBeNull();
    expect(name([caller('Hiya!')], 'Part of the caller’s order was missing.')).toBeNull();
    expect(name([caller('Hiya!')], 'Head of Finance Tom Briggs called about invoices.')).toBeNull();
    expect(name([caller('Hiya!')], 'John Smith called the customer service line about his bill.')).toBe('John Smith');
  });

  it('a name followed by where the caller is from is the caller’s, not a greeting', () => {
    expect(agentNames({ turns: [caller('Morning, Dave, from Smith Builders, ringing about the quote.')] })).not.toContain('dave');
  });

  it('letters spelled up to a marked one keep the word said', () => {
    const text =
      'My name is Zdeněk Dvořáček. Z-D-E-N, E with the little hook, K. Surname D-V-O-R with a hook, A with the accent, C with a hook, E-K.';
    expect(name([agent('Cullet Glass, Rupert speaking.'), caller(text)])).toBe('Zdeněk Dvořáček');
  });

  it('uncased speech running a name into the next words ends where the summary’s name ends', () => {
    const turns = [
      agent('good morning teifi valley tankers gareth speaking'),
      caller('yeah morning um its dai jenkins pen a brin farm up by kenarth'),
    ];
    expect(name(turns, 'Dai Jenkins of Pen-y-Bryn Farm near Cenarth called about his septic tank.')).toBe('Dai Jenkins');
  });
});

describe('findCallerName: spellings of other people', () => {
  it('a spelling of a name the caller gave for someone else is not the caller’s surname', () => {
    const turns = [
      agent('Paws and Pines, this is Ollie.'),
      caller("Hi, it's Thordis again, Þórdís Guðmundsdóttir. I booked Snúður in for June."),
      agent('Hi Thordis, what can I do?'),
      caller('My sister Hrafnhildur will collect him on the 22nd, not me.'),
      agent('No problem. Can you spell that?'),
      caller('H-R-A-F-N-H-I-L-D-U-R.'),
    ];
    expect(name(turns)).not.toContain('Hrafnhildur');
  });
});

describe('findCallerName: letters of their own', () => {
  it('writes a name with the letters the caller gave it when the summary writes it plainly (þ, ð, œ)', () => {
    const turns = [
      agent('Who am I speaking with?'),
      caller('My name is Þórdís Guðmundsdóttir. People here just call me Thordis, that is fine.'),
    ];
    expect(name(turns, 'Thordis Gudmundsdottir booked a stay for her dog.')).toBe('Þórdís Guðmundsdóttir');
  });
});

describe('findCallerName: a summary whose subject acts on the caller', () => {
  it.each([
    'Sarah told the caller her order would arrive on Friday.',
    'Priya thanked the caller for her patience.',
    'Tom informed the customer that the engineer is booked.',
  ])('names no caller: %s', (summary) => {
    expect(name([caller('Hi there.')], summary)).toBeNull();
  });
});

describe('findCallerName: spellings around marked letters', () => {
  it.each([
    [
      'Łukasz Wróblewski. That is Ł with the line through it, then u-k-a-s-z. Wróblewski is W-R-O with an accent on the o, then B-L-E-W-S-K-I.',
      'Łukasz Wróblewski',
    ],
    [
      'Siobhán Ní Dhúill. Siobhán is S-I-O-B-H-A-N with a fada on the second a, and Ní Dhúill is N-I with a fada, then D-H-U with a fada, I-L-L.',
      'Siobhán Ní Dhúill',
    ],
  ])('%s', (said, expected) => {
    expect(name([agent('Can I get a name for the order?'), caller(said)])).toBe(expected);
  });

  it('a plain word is still respelled by a shorter spelling', () => {
    expect(
      name([
        agent('Can I take your name?'),
        caller("It's Chris Richardson."),
        agent('Could you spell the surname?'),
        caller('R-I-C-H-A-R-D-S.'),
      ]),
    ).toBe('Chris Richards');
  });
});

describe('findCallerName: German, Irish and middle names', () => {
  it('a German caller who says "<surname> hier, <full name>" is named by the summary; "im" without its apostrophe is German mid-sentence', () => {
    const turns = [
      agent('Imkereibedarf Sonnenwabe, Sie sprechen mit Lena.'),
      caller('Grüß Gott, Häberle hier, Jürgen Häberle. I bräucht a paar Sachen.'),
      agent('Wohin dürfen wir liefern?'),
      caller('Und rufet Se mi an, i bin oft hinten im Garten und hör die Klingel net.'),
    ];
    expect(name(turns, 'Jürgen Häberle ordered two hives.')).toBe('Jürgen Häberle');
    expect(name(turns, null)).not.toBe('Garten');
    expect(name([agent('Wann passt es Ihnen?'), caller('Ich war lange im Urlaub, nächste Woche passt.')])).toBeNull();
    // A cased German sentence opening with "Im" names no one, asked for the name or not.
    expect(name([agent('Wie kann ich helfen?'), caller('Im Keller steht Wasser, seit heute Morgen.')])).toBeNull();
    expect(name([agent('Wie ist Ihr Name, bitte?'), caller('Ja, also. Im Januar war das schon mal.')])).toBeNull();
    // Uncased speech still says "im" for "I'm" at a sentence's opening.
    expect(name([agent('Hello, Brightwell.'), caller('hi yeah im priya nair calling about my bill')])).toBe('Priya Nair');
  });

  it('keeps the Irish particle Ó', () => {
    const turns = [
      agent('Can I take your name?'),
      caller('Seán Ó Dálaigh. That is Seán with the fada on the a, and Ó Dálaigh is two words.'),
    ];
    expect(name(turns, 'Seán Ó Dálaigh booked a chimney sweep.')).toBe('Seán Ó Dálaigh');
    expect(name(turns, null)).toBe('Seán Ó Dálaigh');
  });

  it('addresses the caller as the summary does when only a middle name differs', () => {
    const turns = [agent('Your full name and date of birth?'), caller('Derek John Ashworth, third of March 1961.')];
    expect(name(turns, 'Derek Ashworth (policy PX-3390-1187) chased his pension transfer.')).toBe('Derek Ashworth');
    expect(name(turns, null)).toBe('Derek John Ashworth');
  });

  it('reads the summary opening with the verbs of orders and bookings', () => {
    const turns = [
      agent('Morning, Northern Tube and Fitting, Abi speaking.'),
      caller('Morning Abi, Kieran Doyle, Doyle Roofing. Need a price.'),
    ];
    expect(name(turns, 'Kieran Doyle of Doyle Roofing ordered scaffolding for a semi.')).toBe('Kieran Doyle');
    expect(name([caller("Hello, it's Amara, I need to cancel my class.")], 'Amara Osei cancelled her Tuesday class.')).toBe('Amara Osei');
    // Before such a verb, a name the caller never said is not taken ("Tesco cancelled…").
    expect(name([caller('Hello, I need to cancel my class.')], 'Amara Osei cancelled her Tuesday class.')).toBeNull();
    // "Graham here, Graham Lowther." — the summary's "Graham Lowther from Keswick ordered…" completes it.
    expect(
      name(
        [agent('Heatherbank Apiaries, Fatima speaking.'), caller('Morning Fatima. Graham here, Graham Lowther.')],
        'Graham Lowther from Keswick ordered a nuc.',
      ),
    ).toBe('Graham Lowther');
  });
});

describe('findCallerName: summary subjects that are not the caller (found by review)', () => {
  it.each([
    'Royal Mail returned the caller’s parcel to the depot.',
    'Tesco cancelled the order because the card was declined.',
    'HMRC paid the refund last week, the caller said.',
    'Dr Shah rescheduled the caller’s appointment to Friday.',
    'Sophie placed an order for the caller.',
    'Lucy scheduled a callback for the customer.',
    'Lucy Hart from Acme Insurance scheduled a callback with the customer.',
  ])('names no caller: %s', (summary) => {
    expect(name([agent('Hello, how can I help?'), caller('Hi, I need some help with something.')], summary)).toBeNull();
  });

  it('"<someone> hier" in German is not an introduction of the caller', () => {
    expect(name([agent('Guten Tag, wie kann ich helfen?'), caller('Ja hallo. Meine Frau Gabi hier hat angerufen.')])).toBeNull();
    expect(name([agent('Guten Tag.'), caller('Ist der Chef hier?')])).toBeNull();
  });
});
