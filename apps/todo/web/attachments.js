import { objectUrl as bucketObjectUrl } from './config.js';
import { encodeKey, sign } from './sigv4.js';

/**
 * Attachments go straight between the browser and the user's S3 folder
 * (`private/<identity id>/<todo id>/<file name>`), signed with the identity pool's credentials;
 * the API only records the key on the todo.
 */
export function attachments(config, getCredentials) {
  const objectUrl = (key) => bucketObjectUrl(config, config.attachmentsBucket, encodeKey(key));
  const send = async (method, key, body, extraHeaders = {}) => {
    const url = objectUrl(key);
    const credentials = await getCredentials();
    const headers = await sign({ method, url, body, service: 's3', region: config.region, credentials });
    const response = await fetch(url, { method, headers: { ...headers, ...extraHeaders }, body });
    if (!response.ok) throw new Error(`S3 ${method} ${key}: ${response.status} ${await response.text()}`);
    return response;
  };
  return {
    /** Uploads `file` for `todo`; resolves the attachment to record on the todo. */
    async upload(folder, todo, file) {
      const key = `${folder}${todo.id}/${file.name}`;
      const type = file.type || 'application/octet-stream';
      await send('PUT', key, await file.arrayBuffer(), { 'content-type': type });
      return { key, fileName: file.name, contentType: type, size: file.size };
    },
    /** Resolves the object's bytes as a Blob. */
    async download(attachment) {
      return (await send('GET', attachment.key)).blob();
    },
  };
}
