/**
 * Closes a `switch` over an event union: it compiles only when every type of the union has its case, so a new event
 * type names each place that must decide about it. At run time it does nothing: a stored event of a type this code
 * does not know (written by an older or newer version) is passed over, not thrown on.
 */
export function everyCaseHandled(_unhandled: never): void {}
