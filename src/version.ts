/** The faultline version, in a module of its own so the command line can print it cheaply. */
export const version = "0.1.0";
