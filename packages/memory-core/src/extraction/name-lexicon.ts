/**
 * Data tables for finding a caller's name: self-introduction phrases per language, the agent's
 * questions about a name, confirmations, titles, fillers and words that are never names. No
 * library covers introductions across languages, so they are tables, not code.
 */

/** Phrases after which a speaker gives their own name ("my name is …"), by language. */
export const SELF_INTRODUCTIONS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'my name is',
    "my name's",
    'my names',
    'the name is',
    "the name's",
    "name's",
    'this is',
    'i am',
    "i'm",
    'im',
    'call me',
    "it's",
    'its',
    'it is',
    "you're speaking with",
    "you're speaking to",
    'you are speaking with',
    'you are speaking to',
    'speaking with',
  ],
  es: ['me llamo', 'mi nombre es', 'soy', 'habla', 'le habla', 'te habla'],
  fr: ["je m'appelle", 'mon nom est', 'je suis', "c'est", 'ici'],
  de: ['mein name ist', 'ich heiße', 'ich heisse', 'hier ist', 'hier spricht'],
  pt: ['o meu nome é', 'meu nome é', 'chamo-me', 'me chamo', 'sou', 'aqui é', 'fala'],
  it: ['mi chiamo', 'il mio nome è', 'sono', 'parla', 'qui è'],
  nl: ['mijn naam is', 'ik heet', 'u spreekt met', 'je spreekt met', 'spreekt met', 'ik ben'],
  pl: ['nazywam się', 'mam na imię', 'mówi', 'z tej strony'],
  sv: ['jag heter', 'mitt namn är', 'det är'],
  ro: ['mă numesc', 'numele meu este', 'mă cheamă'],
  tr: ['benim adım', 'adım'],
};

/** Words that follow a name when a speaker introduces themselves: "Åsa Lindqvist speaking", "Hamish Baird here". */
export const NAME_THEN = ['speaking', 'here', 'calling', 'am apparat', 'al habla', 'à l’appareil', "à l'appareil", 'aan de lijn', 'again'];

/** Phrases the last token of a name follows ("my surname is …"). */
export const SURNAME_INTRODUCTIONS = [
  'my surname is',
  'the surname is',
  'surname is',
  'my last name is',
  'the last name is',
  'last name is',
  'my family name is',
  'family name is',
  'mi apellido es',
  'mon nom de famille est',
  'mein nachname ist',
  'o meu apelido é',
  'il mio cognome è',
  'mijn achternaam is',
];

/** An agent asking who is calling (the caller's next words may be just their name), any language. */
export const NAME_QUESTIONS = [
  /\b(?:your|the) (?:full |first |last |sur)?name\b/i,
  /\bnames?\b[^.!]*\?/i,
  /\bwho (?:am i|are we) (?:speaking|talking) (?:with|to)\b/i,
  /\bwho(?:'s| is) (?:calling|this|speaking)\b/i,
  /\bwho do i have\b/i,
  /\bwho am i talking to\b/i,
  /\bspell (?:the|your) (?:last |first |sur)?name\b/i,
  /\bcan i (?:get|grab|take|have) your name\b/i,
  /\bcon qui[eé]n (?:hablo|tengo el gusto)\b/i,
  /\bsu nombre\b/i,
  /\bà qui ai-je l['’]honneur\b/i,
  /\bvotre nom\b/i,
  /\bwie spreche ich\b/i,
  /\bmit wem spreche ich\b/i,
  /\bihr(?:en)? name/i,
  /\bcom quem falo\b/i,
  /\bo seu nome\b/i,
  /\bcon chi parlo\b/i,
  /\bil suo nome\b/i,
  /\bmet wie spreek ik\b/i,
  /\buw naam\b/i,
  /\bjak (?:się )?(?:pan|pani) nazywa\b/iu,
  /\bpana imię\b|\bpani imię\b|\bnazwisko\b/iu,
  /\bvad heter (?:du|ni)\b|\bditt namn\b|\bert namn\b/iu,
  /\bpe ce nume\b|\bnumele dumneavoastră\b|\bcum vă numiți\b|\bnumele complet\b/iu,
  /\badınız\b|\bisminiz\b|\badınızı\b|\bisminizi\b/iu,
];

/** An agent asking whether it is speaking to a named person: the name follows the phrase. */
export const IDENTITY_QUESTIONS = [
  'is this',
  'is that',
  'am i speaking with',
  'am i speaking to',
  'am i talking to',
  'am i talking with',
  'was that',
  'was it',
  'did you say',
  'could i speak to',
  'could i speak with',
  'can i speak to',
  'can i speak with',
  'may i speak to',
  'may i speak with',
  'i am calling for',
  "i'm calling for",
  'calling for',
  'trying to reach',
  'hablo con',
  'estoy hablando con',
  'je parle à',
  'je parle bien à',
  'spreche ich mit',
  'falo com',
  'estou a falar com',
  'parlo con',
  'spreek ik met',
];

/** A caller confirming the agent's "is this …?" (start of the answer). */
export const CONFIRMATIONS =
  /^(?:yes|yeah|yep|yup|speaking|that's me|that is me|this is (?:he|she|her|him|them)|it is|it's me|correct|that's right|right|sure|sí|si|sì|oui|ja|jawohl|sim|klopt|dat klopt|c['’]est moi|soy yo|sono io|sou eu|ik ben het)(?=$|[\s,.!?])/iu;

/** A caller saying no (a following name corrects the agent's guess). */
export const DENIALS = /^(?:no|nope|not quite|actually|sorry|i mean|well actually)\b/i;

/** Honorifics that may precede a name; kept when only a surname follows. */
export const TITLES: Readonly<Record<string, string>> = {
  mr: 'Mr.',
  mister: 'Mr.',
  mrs: 'Mrs.',
  ms: 'Ms.',
  miss: 'Miss',
  mx: 'Mx.',
  dr: 'Dr.',
  doctor: 'Dr.',
  prof: 'Prof.',
  professor: 'Prof.',
  sir: '',
  madam: '',
  señor: '',
  señora: '',
  señorita: '',
  sr: '',
  sra: '',
  monsieur: '',
  madame: '',
  mademoiselle: '',
  herr: '',
  frau: '',
  senhor: '',
  senhora: '',
  signor: '',
  signore: '',
  signora: '',
  signorina: '',
  sig: '',
  meneer: '',
  mevrouw: '',
  la: '',
  il: '',
};

/** Lower-case particles inside names ("Maarten van Dijk", "Saskia de Graaf", "Ana da Silva"). */
export const NAME_PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'da',
  'das',
  'do',
  'dos',
  'di',
  'del',
  'della',
  'du',
  'le',
  'la',
  'bin',
  'bint',
  'al',
  'el',
  'ter',
  'ten',
  'y',
  'los',
  'las',
  'ní',
  'nic',
  'ó',
  'uí',
]);

/** Sounds and words speakers put between the words of their name in speech. */
export const FILLERS = new Set(['um', 'uh', 'er', 'erm', 'ah', 'eh', 'hmm', 'mm', 'uhm', 'like', 'so', 'yeah', 'well', 'oh']);

/**
 * Words that follow an introduction phrase without being a name ("I'm calling", "it's fine",
 * "this is the", "soy cliente", "sono io"), in the languages above. Compared case-insensitively.
 */
const NOT_NAMES_TEXT = [
  // English function words and frequent continuations
  'a an the i im me my mine myself you your yours he him his she her hers it its we us our they them their this that these those',
  'is am are was were be been being do does did done have has had having will would shall should can could may might must',
  'and or but if so because as at by for from in into of on onto out over to up with without about above after again against',
  'all any both each few more most other some such no nor not only own same than too very just also still even ever never now',
  'then there here where when why how what which who whom whose yes yeah yep no nope ok okay sure fine good great well right',
  'hi hello hey thanks thank please sorry pardon excuse bye goodbye morning afternoon evening night today tomorrow yesterday',
  'calling ringing phoning speaking talking looking trying hoping wondering having getting going coming waiting checking',
  'interested happy glad afraid worried concerned annoyed frustrated upset angry tired busy ready available done back home',
  'new old existing current former returning regular premium basic gold silver customer client member user caller owner',
  'agent support sales service team manager assistant someone somebody anyone nobody everyone one two three first last',
  'really actually basically literally probably maybe perhaps definitely totally pretty quite rather kind sort bit little',
  'about around regarding re following calling called call phone number account order bill problem issue question',
  'gonna wanna gotta kinda um uh er erm ah hmm mm like',
  "i'm i'll i've i'd it's that's there's here's what's who's he's she's we're they're you're let's don't can't won't isn't",
  // Numbers, said as words, are never names ("its um forty two ashgrove road", "twelfth of the eleventh")
  'zero nought eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty',
  'seventy eighty ninety hundred thousand million four five six seven eight nine ten double treble triple second third fourth',
  'fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth',
  'nineteenth twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth thousandth',
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september',
  'october november december spring summer autumn fall winter christmas easter',
  'english spanish french german italian portuguese dutch polish british american canadian australian irish scottish welsh',
  'mexican brazilian chinese japanese indian nigerian swedish norwegian danish finnish greek turkish russian ukrainian',
  // Spanish, French, German, Portuguese, Italian, Dutch words that follow their introductions
  'yo tu el ella usted nosotros cliente nuevo nueva de del la las los un una que muy bien aqui aquí ya',
  'moi toi lui elle nous vous client cliente nouveau nouvelle désolé désolée bien ici déjà de du le la les un une très',
  'ich du er sie wir ihr kunde kundin neu neue hier da ja nein sehr gut schon der die das ein eine',
  'eu tu ele ela você voce nós cliente novo nova aqui já de do da o a um uma muito bem',
  'io tu lui lei noi voi cliente nuovo nuova qui già di del della il lo la un una molto bene contento contenta',
  'ik jij hij zij wij u klant nieuw nieuwe hier al van de het een heel goed blij',
  'ja ty on ona pan pani klient klientka nowy nowa tutaj już bardzo dobrze',
  'jag du han hon vi ni kund ny nya här redan mycket bra',
  'eu tu el ea dumneavoastră client clientă nou nouă aici deja foarte bine',
  'o biz siz müşteri yeni burada zaten çok iyi',
].join(' ');

/**
 * The spelling alphabet (NATO/ICAO): "yankee kilo one seven hotel bravo" spells a registration or a
 * reference, not a name. Some are also given names (Victor, Oscar, Juliet): such a word is a letter
 * only beside another letter of the alphabet or a number.
 */
export const SPELLING_ALPHABET = new Set(
  'alfa alpha bravo charlie delta echo foxtrot golf hotel india juliett juliet kilo lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey whisky xray x-ray yankee zulu'.split(
    ' ',
  ),
);

export const NOT_NAMES = new Set(NOT_NAMES_TEXT.split(/\s+/).filter((w) => w.length > 0));
