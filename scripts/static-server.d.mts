import type { Server } from 'node:http';
export declare const SECURITY_HEADERS: Record<string, string>;
export declare function startStaticServer(port: number, root?: string, host?: string): Promise<Server>;
