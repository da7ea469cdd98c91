export declare function mathItalic(c: string): string;
export declare function mathChars(html: string): string[];
