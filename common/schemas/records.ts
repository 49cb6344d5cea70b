// Left only for server/src/modules/imports/fields.ts, which is being split on another branch:
// once it imports from './contacts.js', delete this file.
export { CreateContactRequest } from './contacts.js';
