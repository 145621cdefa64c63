// What every transport produces: one image as its exact config bytes (their digest is
// the image ID the engine will report) and its layers in order, each readable as an
// uncompressed tar. Modelled on containers/image's "image source".

export interface SourceLayer {
  /** sha256 of the uncompressed tar, from the config's rootfs.diff_ids. */
  diffId: string;
  /** Uncompressed size if the source knows it without reading (plain tar files). */
  size: number | undefined;
  /** The uncompressed tar, verified against its digests as it is read. */
  read(): AsyncIterable<Buffer>;
}

export interface SourceImage {
  /** The source's own names for the image (may be empty). */
  names: string[];
  configBytes: Buffer;
  layers: SourceLayer[];
}

export interface PackSource {
  /** `transport:reference` as the user wrote it, for messages. */
  description: string;
  images: SourceImage[];
  /** Remove temporary files (extracted archives, exports). */
  dispose(): Promise<void>;
}

export interface PlatformChoice {
  architecture: string;
  variant: string | undefined;
}

export interface SourceOptions {
  platform: PlatformChoice;
  /** Where temporary copies go (extracted archives, engine exports, registry pulls). */
  tmpDir: string;
  socket: string | undefined;
  strict: boolean;
  warn: (message: string) => void;
}
