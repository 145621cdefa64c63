import * as z4 from "./classic/external.cjs";
export * from "./classic/index.cjs";
export { z4 as default };
