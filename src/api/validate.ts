/** `validate(objects, options)`: schema validation with the schema rules (src/lint/validate.ts). */
export { validate } from '../lint/validate.js';
export type {
  ValidateInput,
  ValidateObject,
  ValidateOptions,
  ValidateResult,
  ValidateStats,
} from '../lint/validate.js';
