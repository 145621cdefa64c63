/**
 * Limits for buffers and strings: `MAX_LENGTH` (largest possible `Buffer`) and `MAX_STRING_LENGTH`
 * (largest possible string).
 */
declare const constants: { MAX_LENGTH: number; MAX_STRING_LENGTH: number }

export = constants
