/**
 * The few web-platform globals the core uses. They exist in browsers, web workers and Node; declared
 * here so the core compiles without DOM or Node type libraries (which would hide accidental uses of
 * either platform).
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
