/** Turkish strings, the console's default; `Messages` is their shape, so en.ts must match it. */
import type { Stage } from '../../../contract'

export const tr = {
  title: 'Leadline yönetim',
  language: 'Dil',
  signIn: {
    heading: 'Giriş yap',
    intro: 'Leadline yönetim anahtarınızla giriş yapın. Anahtar yalnızca bu sekmede tutulur.',
    keyLabel: 'Yönetim anahtarı',
    keyHint: 'sk_ ile başlar',
    submit: 'Giriş yap',
    checking: 'Anahtar denetleniyor…',
    empty: 'Anahtarı yazın.',
  },
  signOut: 'Çıkış yap',
  nav: {
    label: 'Bölümler',
    board: 'Pano',
    leads: 'Adaylar',
    contacts: 'Kişiler',
    deals: 'Fırsatlar',
    analytics: 'Analiz',
    settings: 'Ayarlar',
  },
  loading: 'Yükleniyor…',
  loadFailed: 'Bu ekran yüklenemedi. Bağlantınızı kontrol edip yeniden deneyin.',
  retry: 'Yeniden dene',
  missing: {
    heading: 'Sayfa bulunamadı',
    text: 'Bu adreste bir ekran yok.',
  },
  signedInAs: (name: string, site: string) => `${name} · ${site}`,
  board: {
    heading: 'Satış hattı',
    loading: 'Hat yükleniyor…',
    refreshing: 'Güncelleniyor…',
    reload: 'Yenile',
    empty: 'Bu aşamada fırsat yok.',
    truncated: (n: number) => `Yalnızca ilk ${n} açık fırsat gösteriliyor.`,
    pipeline: 'Satış hattı',
    closeHint: 'Fırsatı kapatmak için buraya bırakın.',
    count: (n: number) => `${n} fırsat`,
    weighted: 'Ağırlıklı toplam',
    help:
      'Klavyeyle taşımak için: karta gelin, Boşluk ile alın, sol ve sağ oklarla aşamayı (en sonda ' +
      'Kazanıldı ya da Kaybedildi) seçin, Enter ile bırakın; Escape vazgeçer. Kişinin adı fırsatı açar.',
    noName: 'İsimsiz kişi',
    score: (n: number) => `Puan ${n}`,
    days: (n: number) => (n === 0 ? 'Bugün girdi' : `${n} gündür bu aşamada`),
    rotting: 'Bekliyor: olağan süreyi aştı',
    cardLabel: (name: string, stage: string) => `${name}, ${stage}`,
    picked: (name: string, stage: string) =>
      `${name} alındı. Hedef: ${stage}. Oklarla aşama seçin, Enter ile bırakın, Escape ile vazgeçin.`,
    target: (stage: string) => `Hedef: ${stage}`,
    cancelled: 'Taşıma iptal edildi.',
    moving: (name: string, stage: string) => `${name}, ${stage} aşamasına taşınıyor…`,
    moved: (name: string, stage: string) => `${name}, ${stage} aşamasına taşındı.`,
    conflict: (name: string, stage: string) =>
      `${name} bu arada başka biri tarafından değiştirildi; şimdi ${stage} aşamasında. Hiçbir şey taşınmadı, ` +
      'yeniden deneyebilirsiniz.',
    moveFailed: (name: string, why: string) => `${name} taşınamadı: ${why}`,
  },
  dialog: {
    heading: (name: string, stage: string) => `${name} → ${stage}`,
    reasonLabel: 'Taşıma nedeni',
    closeReasonLabel: 'Kapatma nedeni',
    reasonHint: 'Geçmişte görünür; zorunludur.',
    confirm: 'Taşı',
    cancel: 'Vazgeç',
  },
  stages: {
    lead: 'Aday',
    qualification: 'Nitelendirme',
    nurturing: 'Besleme',
    meeting: 'Görüşme',
    proposal: 'Teklif',
    deal: 'Anlaşma',
    won: 'Kazanıldı',
    lost: 'Kaybedildi',
  } satisfies Record<Stage, string>,
  errors: {
    network: 'Sunucuya ulaşılamadı. Bağlantınızı kontrol edip yeniden deneyin.',
    unauthorized: 'Bu anahtar kabul edilmedi. Anahtarı kontrol edin ya da yenisini isteyin.',
    forbidden: 'Bu işlem için yetkiniz yok.',
    not_found: 'Bu kayıt bulunamadı; silinmiş ya da başka bir mağazaya ait olabilir.',
    validation_failed: 'Gönderilen bilgiler kabul edilmedi.',
    rate_limited: 'Çok fazla istek gönderildi; biraz bekleyip yeniden deneyin.',
    unavailable: 'Hizmet şu an meşgul; birazdan yeniden deneyin.',
    other: 'Beklenmeyen bir hata oldu; yeniden deneyin.',
    load: 'Hat yüklenemedi.',
  },
}

export type Messages = typeof tr
