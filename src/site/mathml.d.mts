export declare const KATEX_OPTIONS: Readonly<{ output: 'mathml'; throwOnError: true; strict: 'error' }>;
export declare function scriptLetter(c: string): string;
export declare function mathmlCoreVariant(variant: string, text: string): string;
export interface MathNode { type: string; tagName?: string; properties?: Record<string, unknown>; children?: MathNode[]; value?: string }
export declare function fixMath<T extends MathNode>(node: T, inScript?: boolean): T;
export declare function mathmlCore(markup: string): string;
