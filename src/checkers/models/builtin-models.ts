/**
 * The models `faultline check --model` can name.
 */
import type { Model } from "../model.js";
import { kvModel } from "./kv.js";
import { mutexModel } from "./mutex.js";
import { registerModel } from "./register.js";

/** The built-in models by name. */
export const BUILTIN_MODELS: Readonly<Record<string, Model>> = {
  register: registerModel,
  kv: kvModel,
  mutex: mutexModel,
};
