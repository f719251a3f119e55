/**
 * English phrasal verbs in the everyday sense callers use them, which WordNet lacks or lists far
 * down (it has "push back" only as *repel*, "cut out" as *delete*): each with the single-word verbs
 * it means. The English lexicon treats a phrase and its words as synonyms both ways ("why did she
 * postpone?" finds "I need to push that back"; "what does he fix up?" finds "I restore old
 * scooters"), and a phrase listed here is a compound wherever it is said ("push that back").
 * Targets are WordNet verbs.
 */
/** One phrase a line: the phrase, then the single-word verbs it means. */
const TABLE = `
push back: postpone delay reschedule
move back: postpone delay reschedule
put back: postpone delay reschedule
bring forward: advance reschedule
move up: advance reschedule
call off: cancel
cut out: stop fail
drop out: disconnect fail
play up: malfunction fail
pack up: fail break
break down: fail break
fix up: repair restore renovate
do up: renovate restore decorate
top up: refill replenish
drop off: deliver leave
swing by: visit
pop in: visit
pop round: visit
pop over: visit
come round: visit
come over: visit
sign up: enroll register join
hook up: connect
sort out: fix resolve
chase up: follow_up remind
take up: start begin
give up: quit stop
run out: finish expire
fill in: complete
hand in: submit
set up: install configure
switch over: switch change
pay off: repay settle
pay back: repay refund
move out: leave vacate
look after: care mind
find out: learn discover
turn down: refuse decline reject
hold off: wait delay
`;

/** A table of `words: meanings` lines, keyed by the words (a phrase joined with `_`). */
function readTable(table: string): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(
    table
      .trim()
      .split('\n')
      .map((line) => {
        const [words = '', meanings = ''] = line.split(':');
        return [words.trim().replace(/\s+/gu, '_'), meanings.trim().split(/\s+/u)];
      }),
  );
}

export const PHRASAL_VERBS = readTable(TABLE);

/**
 * Single words in the sense callers and agents use them on service calls, which WordNet does not
 * link to the word a question uses (a cracked worktop is *damaged*, a bounced payment *failed*, a
 * rival's offer is what a competitor *proposed*). Like the phrasal verbs, each is a synonym of the
 * words it means, both ways. Targets are WordNet words.
 */
const SENSES = `
crack: damage break
dent: damage
chip: damage
scratch: damage
smash: damage break
shatter: damage break
flatten: damage destroy
snap: break damage
judder: malfunction shake
rattle: malfunction
squeak: malfunction
stall: malfunction stop
flicker: malfunction
glitch: malfunction fault
jam: malfunction break stick
bounce: fail reject
decline: reject fail refuse
arrears: debt
offer: propose
quote: offer price
rival: competitor
engineer: technician repairman
holiday: trip
`;

export const EVERYDAY_SENSES = readTable(SENSES);
