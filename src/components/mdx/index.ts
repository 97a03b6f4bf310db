import ClaimStatus from "./ClaimStatus.astro";
import Fact from "./Fact.astro";
import FactCode from "./FactCode.astro";
import FactLink from "./FactLink.astro";
import LastObservation from "./LastObservation.astro";
import NewsSubscribeLink from "./NewsSubscribeLink.astro";
import OutageAccount from "./OutageAccount.astro";
import PublicRoomLink from "./PublicRoomLink.astro";
import PubsubSubscribeStanza from "./PubsubSubscribeStanza.astro";
import StatusSubscribeLink from "./StatusSubscribeLink.astro";
import StoredDataList from "./StoredDataList.astro";
import TlsCertificate from "./TlsCertificate.astro";
import TlsRenewalSchedule from "./TlsRenewalSchedule.astro";
import XmppLink from "./XmppLink.astro";

/** Components editors may use in MDX without importing them (see docs/editing.md). */
export const mdxComponents = {
  ClaimStatus,
  Fact,
  FactCode,
  FactLink,
  LastObservation,
  NewsSubscribeLink,
  OutageAccount,
  PublicRoomLink,
  PubsubSubscribeStanza,
  StatusSubscribeLink,
  StoredDataList,
  TlsCertificate,
  TlsRenewalSchedule,
  XmppLink,
};
