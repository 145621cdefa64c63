import { stringify } from '../index.js'

export * from '../index.js'
export default stringify
