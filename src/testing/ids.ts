/** A fresh UUID, as the services use for correlation and request ids. */
export function newId(): string {
  return crypto.randomUUID();
}
