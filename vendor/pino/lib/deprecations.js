'use strict'

const warning = require('process-warning')()
module.exports = warning

// const warnName = 'PinoWarning'

// warning.create(warnName, 'PINODEP010', 'A new deprecation')
