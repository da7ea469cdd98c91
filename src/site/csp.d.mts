export declare const CSP: string;
export declare const CSP_HEADER: string;
