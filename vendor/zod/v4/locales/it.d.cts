import type * as errors from "../core/errors.cjs";
declare function _default(): {
    localeError: errors.$ZodErrorMap;
};
export = _default;
