export * from "../v4/locales/index.cjs";
