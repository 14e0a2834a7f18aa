// The documented example (frontend/README.md): a typed client for the API from the same spec.
// `make check` compiles it with `tsc --noEmit`; a change to the spec that breaks it fails there.
import createClient from "openapi-fetch";
import type { components, paths } from "./vast-api";

export type Instance = components["schemas"]["Instance"];
export type Worker = components["schemas"]["Worker"];

export function vastClient(baseUrl: string, key: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${key}` } });
}

/** The instance's state for a status badge, or null when there is no such instance. */
export async function instanceState(client: ReturnType<typeof vastClient>, id: number): Promise<string | null> {
  const { data, error, response } = await client.GET("/api/v0/instances/{id}/", { params: { path: { id } } });
  if (error !== undefined) {
    throw new Error(`HTTP ${response.status}: ${typeof error === "string" ? error : (error.msg ?? error.detail ?? "")}`);
  }
  return data?.instances?.actual_status ?? null;
}

/** The workers of an endpoint: the live API answers a list, an envelope, or an error with HTTP 200. */
export async function endpointWorkers(client: ReturnType<typeof vastClient>, endpoint: number): Promise<Worker[]> {
  const { data, error, response } = await client.POST("/get_endpoint_workers/", { body: { id: endpoint } });
  if (error !== undefined || data === undefined) {
    throw new Error(`HTTP ${response.status}`);
  }
  if (typeof data === "string") throw new Error(data);
  if (Array.isArray(data)) return data;
  if ("workers" in data && Array.isArray(data.workers)) return data.workers;
  throw new Error("error_msg" in data ? String(data.error_msg) : "unexpected answer");
}
