// Who a request acts as, once authenticated (and impersonated): upstream's user.Info.
export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}
