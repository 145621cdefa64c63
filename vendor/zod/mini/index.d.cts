import * as z from "../v4/mini/external.cjs";
export * from "../v4/mini/external.cjs";
export { z };
