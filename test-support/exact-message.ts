/** exact-message: match a whole error message with toThrow (a plain string there matches any part of it). */

/** exactly is a RegExp matching `message` from start to end, every character literal. */
export function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
