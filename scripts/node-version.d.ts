/** The oldest Node that runs this checkout's TypeScript files directly. */
export declare const NEEDED: { readonly major: number; readonly minor: number };
/** Whether a Node version ('22.23.3') is at least NEEDED. */
export declare function recentEnough(version: string): boolean;
/** What to tell someone whose Node is too old, with the commands that fix it. */
export declare function tooOldMessage(version: string, what: string): string;
