/**
 * English phrasal verbs in the everyday sense callers use them, which WordNet lacks or lists far
 * down (it has "push back" only as *repel*, "cut out" as *delete*): each with the single-word verbs
 * it means. The English lexicon treats a phrase and its words as synonyms both ways ("why did she
 * postpone?" finds "I need to push that back"; "what does he fix up?" finds "I restore old
 * scooters"), and a phrase listed here is a compound wherever it is said ("push that back").
 * Targets are WordNet verbs.
 */
export const PHRASAL_VERBS: Readonly<Record<string, readonly string[]>> = {
  push_back: ['postpone', 'delay', 'reschedule'],
  move_back: ['postpone', 'delay', 'reschedule'],
  put_back: ['postpone', 'delay', 'reschedule'],
  bring_forward: ['advance', 'reschedule'],
  move_up: ['advance', 'reschedule'],
  call_off: ['cancel'],
  cut_out: ['stop', 'fail'],
  drop_out: ['disconnect', 'fail'],
  play_up: ['malfunction', 'fail'],
  pack_up: ['fail', 'break'],
  break_down: ['fail', 'break'],
  fix_up: ['repair', 'restore', 'renovate'],
  do_up: ['renovate', 'restore', 'decorate'],
  top_up: ['refill', 'replenish'],
  drop_off: ['deliver', 'leave'],
  swing_by: ['visit'],
  pop_in: ['visit'],
  pop_round: ['visit'],
  pop_over: ['visit'],
  come_round: ['visit'],
  come_over: ['visit'],
  sign_up: ['enroll', 'register', 'join'],
  hook_up: ['connect'],
  sort_out: ['fix', 'resolve'],
  chase_up: ['follow_up', 'remind'],
  take_up: ['start', 'begin'],
  give_up: ['quit', 'stop'],
  run_out: ['finish', 'expire'],
  fill_in: ['complete'],
  hand_in: ['submit'],
  set_up: ['install', 'configure'],
  switch_over: ['switch', 'change'],
  pay_off: ['repay', 'settle'],
  pay_back: ['repay', 'refund'],
  move_out: ['leave', 'vacate'],
  look_after: ['care', 'mind'],
  find_out: ['learn', 'discover'],
  turn_down: ['refuse', 'decline', 'reject'],
  hold_off: ['wait', 'delay'],
};
