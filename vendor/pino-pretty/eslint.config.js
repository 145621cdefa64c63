'use strict'

module.exports = require('neostandard')({
  ts: true
})
