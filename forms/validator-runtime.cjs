// The ajv runtime helpers that precompiled validator code may require(); bundled into a prelude at build
// time so each validator module is self-contained.
module.exports = {
  'ajv/dist/runtime/ucs2length': require('ajv/dist/runtime/ucs2length'),
  'ajv/dist/runtime/equal': require('ajv/dist/runtime/equal'),
  'ajv/dist/runtime/uri': require('ajv/dist/runtime/uri'),
  'ajv/dist/runtime/validation_error': require('ajv/dist/runtime/validation_error'),
  'ajv-formats/dist/formats': require('ajv-formats/dist/formats'),
};
