// Protobuf request bodies → plain JSON objects. See decode-object.ts.
export { decodeProtobufObject, PROTOBUF_MEDIA_TYPE, type DecodedObject } from './decode-object.js';
