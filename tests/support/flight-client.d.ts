// React's own encoder of server-function arguments (what the page's action call sends), from
// the copy Next.js ships; it has no type declarations of its own.
declare module "next/dist/compiled/react-server-dom-turbopack/client.edge" {
  export function encodeReply(value: unknown): Promise<string | FormData>;
}
