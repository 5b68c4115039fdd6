/**
 * Words of the team and keys settings section (`/admin/api/team`, `/admin/api/keys`): Turkish
 * first; `TeamSettingsMessages` is their shape, so the English must match it.
 */
import type { Locale, Role } from '../../../contract'

const tr = {
  heading: 'Ekip ve anahtarlar',
  loading: 'Ekip yükleniyor…',
  loadFailed: 'Ekip yüklenemedi.',
  retry: 'Yeniden dene',
  repNote: 'Ekibi görürsünüz; yalnızca kendi anahtarlarınızı oluşturup yönetebilirsiniz.',
  roles: { owner: 'Sahip', rep: 'Satış temsilcisi' } satisfies Record<Role, string>,
  you: '(siz)',
  member: (name: string, role: string) => `${name} · ${role}`,
  keys: (name: string) => `${name} kişisinin anahtarları`,
  noKeys: 'Henüz anahtar yok.',
  keyName: 'Ad',
  keyPrefix: 'Başı',
  keyCreated: 'Oluşturuldu',
  keyState: 'Durum',
  keyActions: 'İşlemler',
  active: 'Çalışıyor',
  revokedOn: (date: string) => `İptal edildi (${date})`,
  newKeyName: (name: string) => `${name} için yeni anahtarın adı`,
  newKeyHint: 'Ör. “Dizüstü”, “Zapier”; anahtarları birbirinden ayırmak için.',
  createKey: 'Anahtar oluştur',
  creating: 'Oluşturuluyor…',
  secretHeading: (name: string) => `Yeni anahtar: ${name}`,
  secretOnce:
    'Bu anahtar yalnızca şimdi gösterilir: kopyalayıp güvenli bir yere kaydedin. Sayfadan ' +
    'ayrılınca bir daha görülemez; kaybolursa yenisini oluşturup bunu iptal edin.',
  secretLabel: 'Yönetim anahtarı',
  copySecret: 'Anahtarı kopyala',
  copied: 'Anahtar panoya kopyalandı.',
  selected: 'Panoya erişilemedi; anahtar seçildi, Ctrl+C ile kopyalayın.',
  hideSecret: 'Kaydettim, gizle',
  secretHidden: 'Anahtar gizlendi.',
  rename: (name: string) => `${name}: yeniden adlandır`,
  renameLabel: 'Yeni ad',
  saveName: 'Adı kaydet',
  cancel: 'Vazgeç',
  renamed: (name: string) => `Anahtarın yeni adı: ${name}.`,
  revoke: (name: string) => `${name}: iptal et`,
  revokeHeading: (name: string) => `“${name}” anahtarı iptal edilsin mi?`,
  revokeText:
    'Bu anahtarı kullanan her şey (kişi, uygulama, entegrasyon) erişimini hemen kaybeder. ' +
    'İptal geri alınamaz.',
  confirmRevoke: 'Anahtarı iptal et',
  revoked: (name: string) => `${name} anahtarı iptal edildi.`,
  lastOwnerKey:
    'Bu, mağazanın çalışan son sahip anahtarı; iptal edilemez, yoksa kimse sahip ayarlarına ' +
    'erişemez. Önce bir sahip için başka bir anahtar oluşturun.',
  tooManyKeys: 'Bir kişinin en çok 10 çalışan anahtarı olabilir; önce birini iptal edin.',
  addMember: 'Ekibe kişi ekle',
  memberName: 'Ad soyad',
  memberEmail: 'E-posta',
  memberRole: 'Rol',
  add: 'Ekle',
  added: (name: string) => `${name} ekibe eklendi. Şimdi ona bir anahtar oluşturabilirsiniz.`,
  memberTaken: 'Bu e-posta adresiyle ekipte biri zaten var ya da ekip dolu (en çok 100 kişi).',
  issues: {
    name: 'Bir ad yazın (kontrol karakteri olmadan).',
    email: 'Geçerli bir e-posta adresi yazın.',
  },
  failed: (why: string) => `Olmadı: ${why}`,
}

export type TeamSettingsMessages = typeof tr

const en: TeamSettingsMessages = {
  heading: 'Team and keys',
  loading: 'Loading the team…',
  loadFailed: 'The team could not be loaded.',
  retry: 'Try again',
  repNote: 'You see the team; you can create and manage only your own keys.',
  roles: { owner: 'Owner', rep: 'Sales rep' },
  you: '(you)',
  member: (name, role) => `${name} · ${role}`,
  keys: (name) => `Keys of ${name}`,
  noKeys: 'No keys yet.',
  keyName: 'Name',
  keyPrefix: 'Starts with',
  keyCreated: 'Created',
  keyState: 'State',
  keyActions: 'Actions',
  active: 'Working',
  revokedOn: (date) => `Revoked (${date})`,
  newKeyName: (name) => `Name of a new key for ${name}`,
  newKeyHint: 'E.g. “Laptop”, “Zapier”: to tell the keys apart.',
  createKey: 'Create a key',
  creating: 'Creating…',
  secretHeading: (name) => `New key: ${name}`,
  secretOnce:
    'This key is shown only now: copy it and keep it somewhere safe. Once you leave the page ' +
    'it cannot be shown again; if it is lost, create another and revoke this one.',
  secretLabel: 'Admin key',
  copySecret: 'Copy the key',
  copied: 'The key was copied to the clipboard.',
  selected: 'The clipboard is not available; the key is selected, press Ctrl+C to copy it.',
  hideSecret: 'I have saved it, hide it',
  secretHidden: 'The key is hidden.',
  rename: (name) => `Rename ${name}`,
  renameLabel: 'New name',
  saveName: 'Save the name',
  cancel: 'Cancel',
  renamed: (name) => `The key is now called ${name}.`,
  revoke: (name) => `Revoke ${name}`,
  revokeHeading: (name) => `Revoke the key “${name}”?`,
  revokeText:
    'Everything that uses this key (a person, an app, an integration) loses access at once. ' +
    'Revoking cannot be undone.',
  confirmRevoke: 'Revoke the key',
  revoked: (name) => `The key ${name} was revoked.`,
  lastOwnerKey:
    "This is the store's last working owner key; it cannot be revoked, or no one could reach " +
    'the owner settings. Create another key for an owner first.',
  tooManyKeys: 'A person has at most 10 working keys; revoke one first.',
  addMember: 'Add someone to the team',
  memberName: 'Full name',
  memberEmail: 'E-mail',
  memberRole: 'Role',
  add: 'Add',
  added: (name) => `${name} joined the team. You can now create a key for them.`,
  memberTaken: 'Someone in the team already has this e-mail address, or the team is full (100).',
  issues: {
    name: 'Enter a name (without control characters).',
    email: 'Enter a valid e-mail address.',
  },
  failed: (why) => `That did not work: ${why}`,
}

export const teamSettingsText: Record<Locale, TeamSettingsMessages> = { tr, en }
