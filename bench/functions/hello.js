// The one handler every target serves. It returns a fixed JSON body and neither logs nor does I/O, so a
// benchmark measures each target's request path (routing, event building, invocation), not the handler.
export const handler = async () => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message: 'Hello, world!' }),
});
