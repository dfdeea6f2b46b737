//! The typed, linked catalogue: the only thing later stages (render, index, data) see.
//!
//! Every reference between records is an id or a code that validation has checked,
//! so a stage may look one up with the `Catalogue` helpers without handling "missing".

use super::values::{Date, Duration, Money};
use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Catalogue {
    pub site: Site,
    pub levels: Vec<Term>,
    pub fields: Vec<Term>,
    pub life_events: Vec<Term>,
    /// Sorted by id.
    pub agencies: Vec<Agency>,
    /// Sorted by id.
    pub groups: Vec<Group>,
    /// Sorted by code.
    pub procedures: Vec<std::sync::Arc<Procedure>>,
    /// Files under `content/` linked from procedures, as relative paths, sorted.
    pub forms: Vec<String>,
    /// `synonyms.yaml`, in file order (the search adds its built-in list).
    #[serde(skip)]
    #[schemars(skip)]
    pub synonyms: Vec<Synonym>,
}

/// An entry of `synonyms.yaml`: what citizens type, and the catalogue's words for it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Synonym {
    #[schemars(
        description = "Từ người dân gõ (một hoặc nhiều, tối đa 4 chữ mỗi cụm): \"CCCD\", [sổ đỏ, sổ hồng].",
        with = "OneOrMany<String>"
    )]
    pub words: Vec<String>,
    #[schemars(
        description = "Từ trong tên thủ tục mà các từ trên có nghĩa là (một hoặc nhiều). Danh sách rỗng [] bỏ nghĩa có sẵn của các từ trên.",
        with = "OneOrMany<String>"
    )]
    pub means: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Site {
    pub title: String,
    pub description: Option<String>,
    /// Always ends with `/`.
    pub base_url: String,
    #[schemars(default)]
    pub language: Language,
    pub province: Option<String>,
    #[schemars(default)]
    pub contact: Contact,
    pub feedback_url: Option<String>,
    pub service_centre: Option<String>,
    pub license: Option<String>,
    /// How many of the latest announcements each Atom feed holds (1 to 1000).
    #[schemars(default = "default_feed_entries", range(min = 1, max = 1000))]
    pub feed_entries: u32,
}

/// Feed readers fetch a feed often: the latest 50 entries keep it small at any size.
pub const DEFAULT_FEED_ENTRIES: u32 = 50;

fn default_feed_entries() -> u32 {
    DEFAULT_FEED_ENTRIES
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Vi,
    En,
}

#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Contact {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

/// An entry of a taxonomy: a level, a field or a life event.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Term {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Agency {
    #[schemars(skip)]
    pub id: String,
    pub name: String,
    pub short_name: Option<String>,
    pub level: String,
    pub parent: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    #[schemars(default, with = "OneOrMany<String>")]
    pub opening_hours: Vec<String>,
    pub map_url: Option<String>,
}

/// Interconnected procedures (liên thông) done as one journey.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Group {
    #[schemars(skip)]
    pub id: String,
    pub title: String,
    pub code: Option<String>,
    pub description: Option<String>,
    /// Procedure codes, in the order of the journey.
    pub procedures: Vec<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Procedure {
    #[schemars(
        description = "Mã thủ tục trên CSDL quốc gia, ví dụ \"1.001193\" (đặt trong ngoặc kép)."
    )]
    pub code: String,
    #[schemars(description = "Tên thủ tục. Địa chỉ trang được tạo từ tên này.")]
    pub title: String,
    /// The URL name: `thu-tuc/<slug>/`.
    #[schemars(
        description = "Tên trang trong địa chỉ (chữ thường, không dấu, gạch nối). Mặc định: tạo từ tên thủ tục.",
        default
    )]
    pub slug: String,
    #[schemars(
        description = "Cấp thực hiện: mã trong levels.yaml, hoặc danh sách [tinh, xa].",
        rename = "level",
        with = "OneOrMany<String>"
    )]
    pub levels: Vec<String>,
    #[schemars(description = "Lĩnh vực: mã trong fields.yaml.")]
    pub field: String,
    #[schemars(description = "Cơ quan thực hiện: tên tệp trong agencies/ (không có .yaml).")]
    pub agency: String,
    #[schemars(description = "Cơ quan có thẩm quyền quyết định, nếu khác cơ quan thực hiện.")]
    pub deciding_agency: Option<String>,
    #[schemars(
        description = "Cơ quan phối hợp: tên tệp trong agencies/.",
        default,
        with = "OneOrMany<String>"
    )]
    pub coordinating_agencies: Vec<String>,
    #[schemars(
        description = "Đối tượng thực hiện.",
        default,
        with = "OneOrMany<String>"
    )]
    pub subjects: Vec<String>,
    #[schemars(
        description = "Cách thức thực hiện: mỗi cách nộp (trực tiếp, bưu chính, trực tuyến) với thời hạn và phí riêng.",
        length(min = 1)
    )]
    pub channels: Vec<Channel>,
    #[schemars(
        description = "Dịch vụ công trực tuyến: full (toàn trình) hoặc partial (một phần), với đường dẫn."
    )]
    pub online: Option<Online>,
    #[schemars(description = "Thành phần hồ sơ, theo thứ tự.", default)]
    pub documents: Vec<Document>,
    #[schemars(
        description = "Kết quả thực hiện.",
        rename = "result",
        default,
        with = "OneOrMany<String>"
    )]
    pub results: Vec<String>,
    #[schemars(description = "Căn cứ pháp lý.", default)]
    pub legal_basis: Vec<LegalDocument>,
    #[schemars(description = "Quyết định công bố thủ tục.")]
    pub announced: Option<Announcement>,
    #[schemars(description = "Ngày cập nhật thông tin gần nhất (YYYY-MM-DD).")]
    pub updated: Option<Date>,
    #[schemars(
        description = "Sự kiện cuộc sống: mã trong life-events.yaml.",
        default,
        with = "OneOrMany<String>"
    )]
    pub life_events: Vec<String>,
    #[schemars(
        description = "Những từ người dân hay gõ khi tìm thủ tục này (sổ đỏ, bằng lái…).",
        default,
        with = "OneOrMany<String>"
    )]
    pub keywords: Vec<String>,
    #[schemars(
        description = "Mã các thủ tục liên quan.",
        default,
        with = "OneOrMany<String>"
    )]
    pub related: Vec<String>,
    #[schemars(
        description = "active (đang áp dụng) hoặc abolished (đã bãi bỏ).",
        default
    )]
    pub status: Status,
    #[schemars(description = "Khi đã bãi bỏ: mã thủ tục thay thế.")]
    pub replaced_by: Option<String>,
    /// Old paths, relative to `base_url`, without a leading `/`.
    #[schemars(
        description = "Địa chỉ cũ của trang, để chuyển hướng về đây, ví dụ /thu-tuc/ten-cu/.",
        default,
        with = "OneOrMany<String>"
    )]
    pub aliases: Vec<String>,
    #[schemars(skip)]
    pub body: Body,
    /// The content file, relative to the content folder.
    #[schemars(skip)]
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    InPerson,
    Post,
    Online,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Channel {
    #[schemars(
        description = "in_person (trực tiếp), post (bưu chính) hoặc online (trực tuyến).",
        rename = "type"
    )]
    pub kind: ChannelKind,
    #[schemars(description = "Thời hạn giải quyết.")]
    pub duration: Duration,
    /// `None` when the fees are not stated; an empty list never occurs.
    #[schemars(
        description = "Phí, lệ phí. Bỏ trống nếu chưa rõ; amount: 0 là miễn phí.",
        with = "Option<Vec<Fee>>"
    )]
    pub fees: Option<Vec<Fee>>,
    #[schemars(description = "Mô tả thêm: nơi nộp, cách nộp.")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Fee {
    /// "Lệ phí", "Phí" …
    #[schemars(description = "Tên khoản thu: Lệ phí, Phí…", default = "fee_label")]
    pub label: String,
    #[schemars(description = "Số tiền (đồng); 0 là miễn phí.")]
    pub amount: Money,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OnlineLevel {
    /// Toàn trình: everything, including the result, online.
    Full,
    /// Một phần: submit online, finish in person.
    Partial,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Online {
    pub level: OnlineLevel,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Nộp: handed in.
    #[default]
    Submit,
    /// Xuất trình: shown, then given back.
    Present,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Document {
    #[schemars(description = "Tên giấy tờ.")]
    pub name: String,
    #[schemars(description = "Số bản chính.", default = "one")]
    pub originals: u32,
    #[schemars(description = "Số bản sao.", default)]
    pub copies: u32,
    #[schemars(
        description = "false nếu chỉ cần trong một số trường hợp (ghi rõ ở note).",
        default = "yes"
    )]
    pub required: bool,
    #[schemars(description = "submit (nộp) hoặc present (chỉ xuất trình).", default)]
    pub kind: DocumentKind,
    /// A file under the content folder, relative to it.
    #[schemars(
        description = "Mẫu đơn, tờ khai: đường dẫn tệp trong thư mục content, ví dụ files/to-khai.docx."
    )]
    pub form: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct LegalDocument {
    pub number: String,
    pub title: String,
    pub date: Option<Date>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Announcement {
    #[schemars(description = "Số quyết định công bố, ví dụ 1872/QĐ-BTP.")]
    pub decision: String,
    /// Often unknown: the national database gives a number without its date.
    #[schemars(description = "Ngày ban hành quyết định (YYYY-MM-DD), nếu biết.")]
    pub date: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Active,
    Abolished,
}

/// The Markdown body, split at its `##` headings.
#[derive(Debug, Clone, Default, Serialize, JsonSchema)]
pub struct Body {
    /// Text before the first heading: what the procedure is for.
    pub intro: String,
    pub steps: Option<String>,
    pub conditions: Option<String>,
    /// Other sections, in order: (heading, Markdown).
    pub other: Vec<(String, String)>,
}

// Defaults that the content format applies, for the schema's documentation.
fn one() -> u32 {
    1
}
fn yes() -> bool {
    true
}
fn fee_label() -> String {
    DEFAULT_FEE_LABEL.to_string()
}

/// The label of a fee that does not name itself: an interface word, which pages
/// translate (it is the generic word for a fee).
pub const DEFAULT_FEE_LABEL: &str = "Lệ phí";

impl Catalogue {
    pub fn procedure(&self, code: &str) -> Option<&Procedure> {
        self.procedures
            .binary_search_by(|p| p.code.as_str().cmp(code))
            .ok()
            .map(|i| &*self.procedures[i])
    }

    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.agencies[i])
    }

    pub fn level(&self, id: &str) -> Option<&Term> {
        self.levels.iter().find(|t| t.id == id)
    }

    pub fn field(&self, id: &str) -> Option<&Term> {
        self.fields.iter().find(|t| t.id == id)
    }

    pub fn life_event(&self, id: &str) -> Option<&Term> {
        self.life_events.iter().find(|t| t.id == id)
    }

    /// The groups a procedure belongs to.
    pub fn groups_of<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups
            .iter()
            .filter(move |g| g.procedures.iter().any(|c| c == code))
    }
}

// Only for the JSON Schemas (`crate::schema`), which describe how a file may write a list.
/// One value or a list of them: `level: xa` or `level: [tinh, xa]`. Only for schemas.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}
