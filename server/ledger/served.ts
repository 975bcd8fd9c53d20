/**
 * What the public record serves, read the same way from the database and from a
 * running server's API, so that `margin verify` can compare it with the ledger.
 * Each part of the record adds its reader here; a source that cannot read a part
 * leaves it out and the check notes that it was not compared.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- each part of the record adds its reader
export interface ServedRecord {}
