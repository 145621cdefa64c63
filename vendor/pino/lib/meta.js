'use strict'

module.exports = { version: '10.4.0' }
