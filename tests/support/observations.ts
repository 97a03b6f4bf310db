import { CLAIM_IDS, type ClaimId, type Observations } from "../../src/lib/server-facts/observed-claims.ts";

/**
 * An observation file as `verify-server --write-observed` writes it: a 64-day Let's Encrypt
 * certificate and every claim, each with the status `statusOf` gives it (ok unless told).
 */
export function sampleObservations(
  observedAt: string,
  statusOf: (id: ClaimId) => "ok" | "drift" = () => "ok",
): Observations {
  return {
    observedAt,
    certificate: {
      host: "step.im",
      subject: "CN=step.im",
      issuer: "C=US, O=Let's Encrypt, CN=R12",
      notBefore: "2027-03-01T09:00:00+09:00",
      notAfter: "2027-05-04T09:00:00+09:00",
      sha256: Array.from({ length: 32 }, () => "AB").join(":"),
    },
    claims: CLAIM_IDS.map((id) => ({ id, check: id, claim: "claimed", observed: "observed", status: statusOf(id) })),
  };
}
