/**
 * Street addresses as callers and summaries say them, in the forms the product's callers use:
 * "14 Elm Grove, Harrogate", "flat 2, 31 Kingsley Road", "221B Baker Street", "3 Skelton Lane in
 * Knaresborough", "Rua das Flores 12", "Calle Mayor, 5", "Hauptstraße 12", "Keizersgracht 123".
 * Pure: no I/O. A value is kept as said (the street and, when said with it, the town and postcode).
 */

/** Words that end an English street name ("Road", "Lane", "Close"…), and their abbreviations. */
const STREET_TYPES =
  'Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Grove|Close|Drive|Dr|Way|Crescent|Cres|Court|Ct|Place|Pl|Terrace|Gardens|Gdns|Square|Sq|Park|Row|Mews|Hill|View|Walk|Boulevard|Blvd|Parade|Rise|Green|Vale|Heights|Wharf|Quay|Yard|Circle|Parkway|Highway|Hwy|Trail|Plaza|Meadows|Fields|Gate|Croft|Hollow|Wynd|Loan|Brae';
const CAPITALISED = String.raw`\p{Lu}[\p{L}'’-]*`;
/** A town's word: proper case, whole ("Leeds", not the "LS" of "LS6 2AB"). */
const PROPER = String.raw`\p{Lu}\p{Ll}[\p{L}'’-]*(?![\p{L}\p{N}])`;
/** A UK postcode or a US ZIP code after the street. */
const POSTCODE = String.raw`(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|\d{5}(?:-\d{4})?)`;
/** The town said after the street ("…, Harrogate", "… in Knaresborough"): one or two capitalised words. */
const TOWN = String.raw`(?:,?\s+(?:in\s+)?(?!(?:${STREET_TYPES}|I|The|And|But|So)\b)(${PROPER}(?:\s+(?:upon|on|under|le|en)\s+${PROPER}|\s+${PROPER})?))?`;

const ENGLISH = new RegExp(
  String.raw`\b((?:(?:[Ff]lat|[Aa]partment|[Aa]pt\.?|[Uu]nit)\s+\d{1,4}[A-Za-z]?,?\s+)?\d{1,5}[A-Za-z]?(?:[-–]\d{1,5})?,?\s+(?:${CAPITALISED}\s+){1,3}(?:${STREET_TYPES})\b\.?)${TOWN}(?:,?\s+(${POSTCODE}))?`,
  'gu',
);
/** Romance and Slavic addresses: the street type first, the number after ("Rua das Flores 12", "Calle Mayor, 5"). */
const TYPE_FIRST = new RegExp(
  String.raw`\b((?:Rua|Avenida|Av\.|Travessa|Largo|Calle|C/|Paseo|Plaza|Camino|Carrer|Via|Viale|Piazza|Corso|Vicolo|Rue|Chemin|Allée|Impasse|Quai|Ulica|ul\.|Aleja|al\.)\s+(?:(?:d[aeiou]s?|del|della|de la|de|du|des|la|le)\s+)?(?:${CAPITALISED}\s+){0,2}${CAPITALISED},?\s+(?:n\.?[º°o]?\s*)?\d{1,5}[A-Za-z]?)`,
  'gu',
);
/** Germanic and Nordic addresses: one word ending in the street type, then the number ("Hauptstraße 12"). */
const TYPE_LAST =
  /\b(\p{Lu}\p{Ll}+(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|straat|laan|gracht|plein|dreef|kade|singel|vej|gade|gatan|gata|vägen|veien|gate)\s+\d{1,5}[A-Za-z]?)/gu;

/** A house known by its name ("Ashgrove Cottage, Scout Road, Mytholmroyd"), with the street it is on. */
const HOUSE_TYPES = 'Cottage|Farm|Farmhouse|Lodge|Barn|Manor|Villa|Mill|Grange|Bungalow|Rectory|Vicarage|Croft|Cabin';
/** Only where the caller says they live or have moved there ("we've moved to…", "it's…", "the address is…"). */
const NAMED_HOUSE = new RegExp(
  String.raw`(?<=\b(?:[Mm]oved to|[Mm]oving to|[Mm]ove to|[Ll]ive at|[Ll]iving at|[Ll]ive in|[Ll]iving in|[Aa]ddress is|[Ww]e're at|[Ww]e are at|I'm at|I am at|[Ii]t's|[Ii]t is)\s+)((?:${CAPITALISED}\s+){1,2}(?:${HOUSE_TYPES}),\s+(?:${CAPITALISED}\s+){1,3}(?:${STREET_TYPES})\b\.?)${TOWN}(?:,?\s+(${POSTCODE}))?`,
  'gu',
);

/** Someone else's address ("my mum lives at 4 Oak Road"): not the caller's. */
const SOMEONE_ELSES =
  /\b(?:my|our|his|her|their)\s+(?:\p{L}+\s+)?(?:mum|mom|mother|dad|father|parents|son|daughter|brother|sister|aunt|uncle|nan|gran|grandma|grandad|friend|neighbour|neighbor|landlord|boss|ex)(?:['’]s)?\s+(?:(?:house|place|flat|home)\s+)?(?:lives?|is|was|lived|living|stays?|at|in)\b[^.!?]*$/iu;

/** Every street address in a text, in the order said, each as said with its town and postcode when given. */
export function findAddresses(text: string): string[] {
  const found: { at: number; value: string }[] = [];
  for (const m of [...text.matchAll(ENGLISH), ...text.matchAll(NAMED_HOUSE)]) {
    const street = (m[1] ?? '').replace(/\.$/, '').replace(/\s+/g, ' ');
    const parts = [street, m[2], m[3]].filter((p): p is string => p !== undefined && p.length > 0);
    found.push({ at: m.index ?? 0, value: parts.join(', ') });
  }
  for (const re of [TYPE_FIRST, TYPE_LAST]) for (const m of text.matchAll(re)) found.push({ at: m.index ?? 0, value: (m[1] ?? '').trim() });
  return found
    .filter((f) => !SOMEONE_ELSES.test(text.slice(Math.max(0, f.at - 60), f.at)))
    .sort((a, b) => a.at - b.at)
    .map((f) => f.value);
}

/** The last street address a sentence says (a correction said after an address replaces it), or null. */
export function findAddress(sentence: string): string | null {
  return findAddresses(sentence).at(-1) ?? null;
}

/**
 * The ways a replaced address may be mentioned later: as stored, without its town and postcode,
 * and the street alone ("14 Elm Grove, Harrogate" → "14 Elm Grove" → "Elm Grove": "the Elm Grove
 * purchase fell through").
 */
export function addressForms(address: string): string[] {
  const forms = new Set<string>([address]);
  const street = address.split(',').find((part) => /\p{L}/u.test(part) && /\d/u.test(part)) ?? address.split(',')[0] ?? address;
  forms.add(street.trim());
  const name = street
    .trim()
    .replace(/^(?:(?:flat|apartment|apt\.?|unit)\s+\d+\w?\s+)?\d{1,5}[A-Za-z]?(?:[-–]\d{1,5})?\s+/iu, '')
    .replace(/,?\s+(?:n\.?[º°o]?\s*)?\d{1,5}[A-Za-z]?$/u, '');
  if (name.split(/\s+/).length >= 2) forms.add(name);
  return [...forms].filter((f) => f.length > 0);
}
