const binding = require('../binding')

module.exports = binding.constants
