import * as z from "./v4/classic/external.cjs";
export * from "./v4/classic/external.cjs";
export { z, z as default };
