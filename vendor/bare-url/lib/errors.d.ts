interface URLError extends Error {
  readonly code: string
  readonly input?: string
}

declare class URLError extends Error {
  private constructor()
}

export = URLError
