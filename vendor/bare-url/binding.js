module.exports = require.addon()
