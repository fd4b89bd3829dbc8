/** Turns catalog names into the texts services put in their bodies. */

/** 'TOKEN_EXPIRED' -> ['token', 'expired']; 'SmartDeviceVoiceChat::InvalidAccessToken' -> ['invalid', 'access', 'token']. */
export function nameWords(name: string): string[] {
  const last = name.includes('::') ? name.slice(name.lastIndexOf('::') + 2) : name;
  const spaced = last.includes('_')
    ? last.replace(/_/g, ' ')
    : last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced.toLowerCase().split(/\s+/).filter((word) => word.length > 0);
}

/** 'TOKEN_EXPIRED' -> 'Token expired.' */
export function nameSentence(name: string): string {
  const text = nameWords(name).join(' ');
  return text.length === 0 ? '' : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** 'LobbyNotFound' -> 'lobby-not-found' */
export function nameKebab(name: string): string {
  return nameWords(name).join('-');
}
