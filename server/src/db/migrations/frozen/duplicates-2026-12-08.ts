// TEMPORARY: replaced by a verbatim frozen copy before this lands.
export { duplicateKeysOf } from '../../../../../common/duplicates/keys.js';
export { duplicateText } from '../../../../../common/duplicates/text.js';
