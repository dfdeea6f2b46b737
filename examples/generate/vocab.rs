//! The words the synthetic catalogue is made of.
//!
//! Modelled on the real records in `shared/realworld/` (Bộ Tư pháp, Bộ Công an, Bộ Quốc phòng
//! and the national database): the field names, the shapes of titles, steps, documents, fees
//! and legal references. No record is copied; legal numbers other than the few general
//! decrees in [`GENERAL_LAWS`] are made up and only have the real shape.

/// A provincial agency that every province has, in this order.
pub struct Dept {
    /// The start of its id; the province's slug follows.
    pub key: &'static str,
    /// The name; " tỉnh Gia Lai" or " thành phố Hà Nội" follows.
    pub name: &'static str,
    /// The short name's start, if the agency is usually called by one.
    pub short: &'static str,
    /// The issuer code in decision numbers: `1872/QĐ-BTP`.
    pub issuer: &'static str,
    /// The host name of its website and e-mail, before the province's.
    pub host: &'static str,
    /// Index of the parent in [`DEPTS`]; `None` for the People's Committee itself.
    pub parent: Option<usize>,
}

pub const UBND: usize = 0;
pub const TTPV: usize = 1;
const TP: usize = 2;
const NV: usize = 3;
const TC: usize = 4;
const XD: usize = 5;
const NNMT: usize = 6;
const YT: usize = 7;
const GD: usize = 8;
const CT: usize = 9;
const VH: usize = 10;
const KHCN: usize = 11;
const DTTG: usize = 12;
const NG: usize = 13;
const TTRA: usize = 14;
const CA: usize = 15;
const QS: usize = 16;
const BHXH: usize = 17;
const THUE: usize = 18;
const KKT: usize = 19;

const fn dept(
    key: &'static str,
    name: &'static str,
    short: &'static str,
    issuer: &'static str,
    host: &'static str,
    parent: Option<usize>,
) -> Dept {
    Dept {
        key,
        name,
        short,
        issuer,
        host,
        parent,
    }
}

pub const DEPTS: &[Dept] = &[
    dept("ubnd-tinh", "Ủy ban nhân dân", "UBND", "UBND", "ubnd", None),
    dept(
        "trung-tam-phuc-vu-hanh-chinh-cong",
        "Trung tâm Phục vụ hành chính công",
        "TTPVHCC",
        "UBND",
        "dichvucong",
        Some(UBND),
    ),
    dept("so-tu-phap", "Sở Tư pháp", "", "BTP", "stp", Some(UBND)),
    dept("so-noi-vu", "Sở Nội vụ", "", "BNV", "snv", Some(UBND)),
    dept("so-tai-chinh", "Sở Tài chính", "", "BTC", "stc", Some(UBND)),
    dept("so-xay-dung", "Sở Xây dựng", "", "BXD", "sxd", Some(UBND)),
    dept(
        "so-nong-nghiep-va-moi-truong",
        "Sở Nông nghiệp và Môi trường",
        "",
        "BNNMT",
        "snnmt",
        Some(UBND),
    ),
    dept("so-y-te", "Sở Y tế", "", "BYT", "syt", Some(UBND)),
    dept(
        "so-giao-duc-va-dao-tao",
        "Sở Giáo dục và Đào tạo",
        "",
        "BGDĐT",
        "sgddt",
        Some(UBND),
    ),
    dept(
        "so-cong-thuong",
        "Sở Công Thương",
        "",
        "BCT",
        "sct",
        Some(UBND),
    ),
    dept(
        "so-van-hoa-the-thao-va-du-lich",
        "Sở Văn hóa, Thể thao và Du lịch",
        "",
        "BVHTTDL",
        "svhttdl",
        Some(UBND),
    ),
    dept(
        "so-khoa-hoc-va-cong-nghe",
        "Sở Khoa học và Công nghệ",
        "",
        "BKHCN",
        "skhcn",
        Some(UBND),
    ),
    dept(
        "so-dan-toc-va-ton-giao",
        "Sở Dân tộc và Tôn giáo",
        "",
        "BDTTG",
        "sdttg",
        Some(UBND),
    ),
    dept("so-ngoai-vu", "Sở Ngoại vụ", "", "BNG", "sngv", Some(UBND)),
    dept(
        "thanh-tra-tinh",
        "Thanh tra",
        "",
        "TTCP",
        "thanhtra",
        Some(UBND),
    ),
    dept("cong-an-tinh", "Công an", "", "BCA", "congan", None),
    dept(
        "bo-chi-huy-quan-su-tinh",
        "Bộ Chỉ huy Quân sự",
        "",
        "BQP",
        "bchqs",
        None,
    ),
    dept(
        "bao-hiem-xa-hoi-tinh",
        "Bảo hiểm xã hội",
        "BHXH",
        "BHXH",
        "bhxh",
        None,
    ),
    dept("thue-tinh", "Thuế", "", "BTC", "thue", None),
    dept(
        "ban-quan-ly-khu-kinh-te",
        "Ban Quản lý Khu kinh tế",
        "",
        "BTC",
        "bqlkkt",
        Some(UBND),
    ),
];

/// The 34 provinces and cities since 1 July 2025: (name, is a city).
pub const PROVINCES: &[(&str, bool)] = &[
    ("Gia Lai", false),
    ("Hà Nội", true),
    ("Hồ Chí Minh", true),
    ("Nghệ An", false),
    ("Cần Thơ", true),
    ("Lâm Đồng", false),
    ("Thanh Hóa", false),
    ("Đà Nẵng", true),
    ("Quảng Ninh", false),
    ("Đắk Lắk", false),
    ("Hải Phòng", true),
    ("Khánh Hòa", false),
    ("An Giang", false),
    ("Phú Thọ", false),
    ("Huế", true),
    ("Đồng Nai", false),
    ("Lào Cai", false),
    ("Quảng Ngãi", false),
    ("Bắc Ninh", false),
    ("Vĩnh Long", false),
    ("Tây Ninh", false),
    ("Ninh Bình", false),
    ("Hà Tĩnh", false),
    ("Thái Nguyên", false),
    ("Đồng Tháp", false),
    ("Quảng Trị", false),
    ("Cà Mau", false),
    ("Hưng Yên", false),
    ("Sơn La", false),
    ("Tuyên Quang", false),
    ("Lạng Sơn", false),
    ("Cao Bằng", false),
    ("Điện Biên", false),
    ("Lai Châu", false),
];

/// Syllables of commune and ward names: two of them make "An Hiệp", "Phú Thạnh".
pub const PLACE_SYLLABLES: &[&str] = &[
    "An", "Bình", "Phú", "Tân", "Hòa", "Thạnh", "Long", "Phước", "Mỹ", "Hưng", "Thuận", "Đông",
    "Tây", "Nam", "Bắc", "Hiệp", "Lợi", "Thành", "Quang", "Trung", "Vĩnh", "Xuân", "Hải", "Sơn",
    "Lâm", "Định", "Đức", "Nghĩa", "Hà", "Minh", "Khánh", "Lộc", "Thọ", "Cát", "Kim", "Ngọc",
    "Phong", "Hồng", "Thắng", "Tiến", "Hương", "Yên", "Lạc", "Thủy", "Gia", "Châu", "Hội", "Thịnh",
    "Phúc", "Tường", "Đại", "Quý", "Bảo", "Hoàng", "Nhơn", "Cẩm", "Diên", "Ninh",
];

pub const STREETS: &[&str] = &[
    "Trần Phú",
    "Lê Lợi",
    "Hùng Vương",
    "Nguyễn Huệ",
    "Quang Trung",
    "Lý Thường Kiệt",
    "Hai Bà Trưng",
    "Trần Hưng Đạo",
    "Phan Đình Phùng",
    "Nguyễn Tất Thành",
    "Lê Duẩn",
    "Võ Nguyên Giáp",
];

/// A life event (sự kiện cuộc sống): (id, name, description).
pub const LIFE_EVENTS: &[(&str, &str, &str)] = &[
    (
        "sinh-con",
        "Sinh con",
        "Khai sinh, thường trú và thẻ bảo hiểm y tế cho trẻ em",
    ),
    (
        "ket-hon",
        "Kết hôn",
        "Đăng ký kết hôn và các giấy tờ đi kèm",
    ),
    (
        "nguoi-than-qua-doi",
        "Người thân qua đời",
        "Khai tử, mai táng phí, thừa kế",
    ),
    ("di-hoc", "Đi học", "Tuyển sinh, chuyển trường, văn bằng"),
    (
        "tim-viec-lam",
        "Tìm việc làm",
        "Trợ cấp thất nghiệp, giới thiệu việc làm, học nghề",
    ),
    (
        "thanh-lap-doanh-nghiep",
        "Thành lập doanh nghiệp",
        "Đăng ký doanh nghiệp, con dấu, thuế",
    ),
    (
        "kinh-doanh-ho-gia-dinh",
        "Mở hộ kinh doanh",
        "Đăng ký hộ kinh doanh và giấy phép con",
    ),
    ("xay-nha", "Xây nhà", "Giấy phép xây dựng, hoàn công"),
    (
        "mua-ban-nha-dat",
        "Mua bán nhà, đất",
        "Chuyển nhượng, đăng ký biến động đất đai",
    ),
    (
        "so-huu-phuong-tien",
        "Mua xe, phương tiện",
        "Đăng ký xe, biển số, giấy phép lái xe",
    ),
    ("nghi-huu", "Nghỉ hưu", "Lương hưu, bảo hiểm xã hội"),
    (
        "nguoi-khuyet-tat",
        "Người khuyết tật",
        "Xác định mức độ khuyết tật, trợ cấp xã hội",
    ),
    (
        "xuat-canh",
        "Đi nước ngoài",
        "Hộ chiếu, thị thực, lý lịch tư pháp",
    ),
    (
        "chuyen-noi-o",
        "Chuyển nơi ở",
        "Đăng ký thường trú, tạm trú, chuyển trường cho con",
    ),
    (
        "nghia-vu-quan-su",
        "Nghĩa vụ quân sự",
        "Đăng ký, hoãn, miễn gọi nhập ngũ",
    ),
    (
        "cham-soc-suc-khoe",
        "Khám, chữa bệnh",
        "Bảo hiểm y tế, giám định y khoa",
    ),
    (
        "nguoi-co-cong",
        "Người có công",
        "Chế độ ưu đãi người có công với cách mạng",
    ),
    (
        "san-xuat-nong-nghiep",
        "Sản xuất nông nghiệp",
        "Trồng trọt, chăn nuôi, thủy sản",
    ),
];

/// A field (lĩnh vực) and what its procedures are about.
pub struct Field {
    pub id: &'static str,
    pub name: &'static str,
    /// The provincial agency that handles it: an index in [`DEPTS`].
    pub dept: usize,
    /// Whether communes (cấp xã) handle some of its procedures.
    pub commune: bool,
    /// A life-event id, or "".
    pub event: &'static str,
    /// The main law of the field.
    pub law: &'static str,
    /// What its procedures are about, each with its kind: `L:` a licence or certificate,
    /// `R:` a registration, `S:` a benefit, `A:` an approval, `C:` a recognition,
    /// `T:` an organisation that is founded or changed, `V:` a title of its own (a verb phrase).
    pub objects: &'static [&'static str],
}

const fn field(
    id: &'static str,
    name: &'static str,
    dept: usize,
    commune: bool,
    event: &'static str,
    law: &'static str,
    objects: &'static [&'static str],
) -> Field {
    Field {
        id,
        name,
        dept,
        commune,
        event,
        law,
        objects,
    }
}

pub const FIELDS: &[Field] = &[
    field(
        "ho-tich",
        "Hộ tịch",
        TP,
        true,
        "sinh-con",
        "Luật Hộ tịch",
        &[
            "R:khai sinh",
            "R:kết hôn",
            "R:khai tử",
            "R:nhận cha, mẹ, con",
            "R:giám hộ",
            "V:thay đổi, cải chính, bổ sung thông tin hộ tịch",
            "L:Giấy xác nhận tình trạng hôn nhân",
            "L:bản sao Trích lục hộ tịch",
        ],
    ),
    field(
        "chung-thuc",
        "Chứng thực",
        TP,
        true,
        "",
        "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký",
        &[
            "L:bản sao từ sổ gốc",
            "V:chứng thực chữ ký trong các giấy tờ, văn bản",
            "V:chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
            "V:chứng thực bản sao từ bản chính giấy tờ, văn bản",
            "V:chứng thực văn bản thỏa thuận phân chia di sản",
        ],
    ),
    field(
        "nuoi-con-nuoi",
        "Nuôi con nuôi",
        TP,
        true,
        "",
        "Luật Nuôi con nuôi",
        &[
            "R:việc nuôi con nuôi trong nước",
            "V:đăng ký lại việc nuôi con nuôi",
            "L:Giấy phép hoạt động của tổ chức con nuôi nước ngoài",
            "R:việc nuôi con nuôi thực tế",
        ],
    ),
    field(
        "quoc-tich",
        "Quốc tịch",
        TP,
        false,
        "xuat-canh",
        "Luật Quốc tịch Việt Nam",
        &[
            "V:nhập quốc tịch Việt Nam",
            "V:thôi quốc tịch Việt Nam",
            "V:trở lại quốc tịch Việt Nam",
            "L:Giấy xác nhận có quốc tịch Việt Nam",
            "L:Giấy xác nhận là người gốc Việt Nam",
        ],
    ),
    field(
        "ly-lich-tu-phap",
        "Lý lịch tư pháp",
        TP,
        false,
        "xuat-canh",
        "Luật Lý lịch tư pháp",
        &[
            "L:Phiếu lý lịch tư pháp số 1",
            "L:Phiếu lý lịch tư pháp số 2",
            "L:Phiếu lý lịch tư pháp cho người nước ngoài",
        ],
    ),
    field(
        "luat-su",
        "Luật sư",
        TP,
        false,
        "",
        "Luật Luật sư",
        &[
            "T:công ty luật",
            "T:văn phòng luật sư",
            "L:Giấy đăng ký hoạt động của tổ chức hành nghề luật sư",
            "L:Giấy phép hành nghề luật sư tại Việt Nam cho luật sư nước ngoài",
            "T:chi nhánh của tổ chức hành nghề luật sư",
        ],
    ),
    field(
        "cong-chung",
        "Công chứng",
        TP,
        false,
        "mua-ban-nha-dat",
        "Luật Công chứng",
        &[
            "T:văn phòng công chứng",
            "L:Thẻ công chứng viên",
            "R:tập sự hành nghề công chứng",
            "V:công chứng hợp đồng chuyển nhượng quyền sử dụng đất",
            "V:công chứng di chúc",
        ],
    ),
    field(
        "dau-gia-tai-san",
        "Đấu giá tài sản",
        TP,
        false,
        "",
        "Luật Đấu giá tài sản",
        &[
            "T:doanh nghiệp đấu giá tài sản",
            "L:Chứng chỉ hành nghề đấu giá",
            "L:Thẻ đấu giá viên",
        ],
    ),
    field(
        "tro-giup-phap-ly",
        "Trợ giúp pháp lý",
        TP,
        true,
        "",
        "Luật Trợ giúp pháp lý",
        &[
            "V:thực hiện trợ giúp pháp lý",
            "L:thẻ cộng tác viên trợ giúp pháp lý",
            "R:tham gia trợ giúp pháp lý",
        ],
    ),
    field(
        "hoa-giai-co-so",
        "Hòa giải ở cơ sở",
        TP,
        true,
        "",
        "Luật Hòa giải ở cơ sở",
        &[
            "C:hòa giải viên",
            "V:chi trả thù lao cho hòa giải viên",
            "C:tổ trưởng tổ hòa giải",
        ],
    ),
    field(
        "boi-thuong-nha-nuoc",
        "Bồi thường nhà nước",
        TP,
        true,
        "",
        "Luật Trách nhiệm bồi thường của Nhà nước",
        &[
            "V:giải quyết yêu cầu bồi thường trong hoạt động quản lý hành chính",
            "V:chi trả tiền bồi thường",
            "V:phục hồi danh dự",
        ],
    ),
    field(
        "dang-ky-bien-phap-bao-dam",
        "Đăng ký biện pháp bảo đảm",
        TP,
        false,
        "mua-ban-nha-dat",
        "Nghị định về đăng ký biện pháp bảo đảm",
        &[
            "R:biện pháp bảo đảm bằng quyền sử dụng đất",
            "R:thế chấp tài sản gắn liền với đất",
            "R:biện pháp bảo đảm bằng động sản",
            "L:văn bản chứng nhận đăng ký biện pháp bảo đảm",
        ],
    ),
    field(
        "cu-tru",
        "Đăng ký, quản lý cư trú",
        CA,
        true,
        "chuyen-noi-o",
        "Luật Cư trú",
        &[
            "R:thường trú",
            "R:tạm trú",
            "V:khai báo tạm vắng",
            "R:lưu trú",
            "V:xóa đăng ký thường trú",
            "L:xác nhận thông tin về cư trú",
        ],
    ),
    field(
        "can-cuoc",
        "Cấp, quản lý căn cước",
        CA,
        true,
        "",
        "Luật Căn cước",
        &[
            "L:thẻ căn cước cho người từ đủ 14 tuổi trở lên",
            "L:thẻ căn cước cho người dưới 14 tuổi",
            "L:giấy chứng nhận căn cước",
            "V:tích hợp thông tin vào thẻ căn cước",
            "L:tài khoản định danh điện tử",
        ],
    ),
    field(
        "xuat-nhap-canh",
        "Quản lý xuất nhập cảnh",
        CA,
        false,
        "xuat-canh",
        "Luật Xuất cảnh, nhập cảnh của công dân Việt Nam",
        &[
            "L:hộ chiếu phổ thông",
            "L:thị thực điện tử",
            "L:thẻ tạm trú cho người nước ngoài",
            "L:giấy thông hành",
            "V:trình báo mất hộ chiếu phổ thông",
            "L:thẻ thường trú cho người nước ngoài",
        ],
    ),
    field(
        "phong-chay-chua-chay",
        "Phòng cháy, chữa cháy",
        CA,
        false,
        "",
        "Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ",
        &[
            "A:thiết kế về phòng cháy và chữa cháy",
            "A:kết quả nghiệm thu về phòng cháy và chữa cháy",
            "L:chứng chỉ hành nghề tư vấn về phòng cháy và chữa cháy",
            "V:phục hồi hoạt động của cơ sở",
            "L:Giấy xác nhận đủ điều kiện kinh doanh dịch vụ phòng cháy và chữa cháy",
        ],
    ),
    field(
        "dang-ky-xe",
        "Đăng ký, quản lý phương tiện giao thông cơ giới",
        CA,
        true,
        "so-huu-phuong-tien",
        "Luật Trật tự, an toàn giao thông đường bộ",
        &[
            "L:chứng nhận đăng ký xe, biển số xe",
            "V:thu hồi chứng nhận đăng ký xe, biển số xe",
            "L:chứng nhận đăng ký xe tạm thời",
            "V:sang tên xe",
            "L:biển số xe trúng đấu giá",
        ],
    ),
    field(
        "vu-khi-vat-lieu-no",
        "Quản lý vũ khí, vật liệu nổ, công cụ hỗ trợ",
        CA,
        false,
        "",
        "Luật Quản lý, sử dụng vũ khí, vật liệu nổ và công cụ hỗ trợ",
        &[
            "L:Giấy phép sử dụng vũ khí thể thao",
            "L:Giấy phép mua công cụ hỗ trợ",
            "L:Giấy phép kinh doanh công cụ hỗ trợ",
            "L:Giấy phép vận chuyển vật liệu nổ công nghiệp",
            "V:khai báo vũ khí thô sơ",
        ],
    ),
    field(
        "dat-dai",
        "Đất đai",
        NNMT,
        true,
        "mua-ban-nha-dat",
        "Luật Đất đai",
        &[
            "L:Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất",
            "R:biến động quyền sử dụng đất",
            "A:chuyển mục đích sử dụng đất",
            "A:giao đất, cho thuê đất",
            "V:tách thửa hoặc hợp thửa đất",
            "R:chuyển nhượng quyền sử dụng đất",
            "R:thừa kế quyền sử dụng đất",
        ],
    ),
    field(
        "moi-truong",
        "Môi trường",
        NNMT,
        true,
        "",
        "Luật Bảo vệ môi trường",
        &[
            "L:Giấy phép môi trường",
            "A:báo cáo đánh giá tác động môi trường",
            "R:môi trường",
            "A:phương án cải tạo, phục hồi môi trường",
            "L:Giấy phép xử lý chất thải nguy hại",
        ],
    ),
    field(
        "tai-nguyen-nuoc",
        "Tài nguyên nước",
        NNMT,
        false,
        "",
        "Luật Tài nguyên nước",
        &[
            "L:Giấy phép thăm dò nước dưới đất",
            "L:Giấy phép khai thác nước mặt",
            "L:Giấy phép xả nước thải vào nguồn nước",
            "R:khai thác, sử dụng tài nguyên nước",
        ],
    ),
    field(
        "khoang-san",
        "Địa chất và khoáng sản",
        NNMT,
        false,
        "",
        "Luật Địa chất và khoáng sản",
        &[
            "L:Giấy phép thăm dò khoáng sản",
            "L:Giấy phép khai thác khoáng sản",
            "A:trữ lượng khoáng sản",
            "R:khu vực khai thác khoáng sản làm vật liệu xây dựng thông thường",
        ],
    ),
    field(
        "trong-trot",
        "Trồng trọt",
        NNMT,
        true,
        "san-xuat-nong-nghiep",
        "Luật Trồng trọt",
        &[
            "C:lưu hành giống cây trồng",
            "L:Giấy chứng nhận đủ điều kiện sản xuất phân bón",
            "A:chuyển đổi cơ cấu cây trồng trên đất trồng lúa",
            "C:cây đầu dòng, vườn cây đầu dòng",
        ],
    ),
    field(
        "chan-nuoi",
        "Chăn nuôi",
        NNMT,
        true,
        "san-xuat-nong-nghiep",
        "Luật Chăn nuôi",
        &[
            "L:Giấy chứng nhận đủ điều kiện chăn nuôi trang trại quy mô lớn",
            "V:kê khai hoạt động chăn nuôi",
            "L:Giấy chứng nhận đủ điều kiện sản xuất thức ăn chăn nuôi",
        ],
    ),
    field(
        "thu-y",
        "Thú y",
        NNMT,
        false,
        "san-xuat-nong-nghiep",
        "Luật Thú y",
        &[
            "L:Chứng chỉ hành nghề thú y",
            "L:Giấy chứng nhận điều kiện vệ sinh thú y",
            "L:Giấy chứng nhận vùng an toàn dịch bệnh động vật",
            "V:kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh",
        ],
    ),
    field(
        "lam-nghiep",
        "Lâm nghiệp",
        NNMT,
        true,
        "san-xuat-nong-nghiep",
        "Luật Lâm nghiệp",
        &[
            "A:chuyển loại rừng",
            "A:phương án quản lý rừng bền vững",
            "R:mã số cơ sở nuôi, trồng các loài động vật, thực vật hoang dã",
            "S:hỗ trợ đầu tư trồng rừng sản xuất",
            "A:khai thác lâm sản",
        ],
    ),
    field(
        "thuy-san",
        "Thủy sản",
        NNMT,
        true,
        "san-xuat-nong-nghiep",
        "Luật Thủy sản",
        &[
            "L:Giấy phép khai thác thủy sản",
            "R:tàu cá",
            "L:Giấy chứng nhận cơ sở đủ điều kiện nuôi trồng thủy sản",
            "A:giao khu vực biển để nuôi trồng thủy sản",
            "S:hỗ trợ khai thác thủy sản vùng khơi",
        ],
    ),
    field(
        "thuy-loi",
        "Thủy lợi",
        NNMT,
        true,
        "",
        "Luật Thủy lợi",
        &[
            "L:Giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi",
            "A:phương án bảo vệ công trình thủy lợi",
            "A:quy trình vận hành hồ chứa nước",
        ],
    ),
    field(
        "phat-trien-nong-thon",
        "Phát triển nông thôn",
        NNMT,
        true,
        "",
        "Quyết định ban hành Bộ tiêu chí quốc gia về nông thôn mới",
        &[
            "C:xã đạt chuẩn nông thôn mới",
            "C:sản phẩm OCOP",
            "S:hỗ trợ liên kết sản xuất và tiêu thụ sản phẩm nông nghiệp",
        ],
    ),
    field(
        "kinh-te-hop-tac",
        "Kinh tế hợp tác",
        TC,
        true,
        "",
        "Luật Hợp tác xã",
        &[
            "T:hợp tác xã",
            "T:liên hiệp hợp tác xã",
            "V:thay đổi nội dung đăng ký hợp tác xã",
            "T:tổ hợp tác",
        ],
    ),
    field(
        "thanh-lap-doanh-nghiep",
        "Thành lập và hoạt động doanh nghiệp",
        TC,
        false,
        "thanh-lap-doanh-nghiep",
        "Luật Doanh nghiệp",
        &[
            "T:doanh nghiệp tư nhân",
            "T:công ty trách nhiệm hữu hạn một thành viên",
            "T:công ty cổ phần",
            "V:thay đổi nội dung đăng ký doanh nghiệp",
            "T:chi nhánh, văn phòng đại diện, địa điểm kinh doanh",
            "V:thông báo tạm ngừng kinh doanh",
            "L:Giấy chứng nhận đăng ký doanh nghiệp",
        ],
    ),
    field(
        "ho-kinh-doanh",
        "Thành lập và hoạt động của hộ kinh doanh",
        TC,
        true,
        "kinh-doanh-ho-gia-dinh",
        "Nghị định về đăng ký doanh nghiệp",
        &[
            "T:hộ kinh doanh",
            "V:thay đổi nội dung đăng ký hộ kinh doanh",
            "V:thông báo tạm ngừng kinh doanh của hộ kinh doanh",
            "L:Giấy chứng nhận đăng ký hộ kinh doanh",
        ],
    ),
    field(
        "dau-tu",
        "Đầu tư tại Việt Nam",
        TC,
        false,
        "thanh-lap-doanh-nghiep",
        "Luật Đầu tư",
        &[
            "A:chủ trương đầu tư",
            "L:Giấy chứng nhận đăng ký đầu tư",
            "A:điều chỉnh dự án đầu tư",
            "V:chuyển nhượng dự án đầu tư",
        ],
    ),
    field(
        "quan-ly-cong-san",
        "Quản lý công sản",
        TC,
        true,
        "",
        "Luật Quản lý, sử dụng tài sản công",
        &[
            "A:phương án sắp xếp lại, xử lý nhà, đất",
            "A:thanh lý tài sản công",
            "A:giao tài sản công cho đơn vị sự nghiệp công lập",
        ],
    ),
    field(
        "thue",
        "Thuế",
        THUE,
        true,
        "kinh-doanh-ho-gia-dinh",
        "Luật Quản lý thuế",
        &[
            "R:thuế lần đầu",
            "V:thay đổi thông tin đăng ký thuế",
            "V:hoàn thuế giá trị gia tăng",
            "V:miễn, giảm tiền sử dụng đất",
            "L:xác nhận việc thực hiện nghĩa vụ thuế",
        ],
    ),
    field(
        "hoat-dong-xay-dung",
        "Hoạt động xây dựng",
        XD,
        true,
        "xay-nha",
        "Luật Xây dựng",
        &[
            "L:Giấy phép xây dựng nhà ở riêng lẻ",
            "L:Giấy phép xây dựng công trình",
            "A:báo cáo nghiên cứu khả thi đầu tư xây dựng",
            "A:thiết kế xây dựng triển khai sau thiết kế cơ sở",
            "L:chứng chỉ hành nghề hoạt động xây dựng",
            "L:Giấy phép di dời công trình",
        ],
    ),
    field(
        "quy-hoach-xay-dung",
        "Quy hoạch xây dựng",
        XD,
        true,
        "xay-nha",
        "Luật Quy hoạch đô thị và nông thôn",
        &[
            "A:nhiệm vụ quy hoạch chi tiết",
            "A:đồ án quy hoạch chi tiết",
            "L:chứng chỉ quy hoạch",
            "V:cung cấp thông tin về quy hoạch",
        ],
    ),
    field(
        "nha-o",
        "Nhà ở",
        XD,
        true,
        "mua-ban-nha-dat",
        "Luật Nhà ở",
        &[
            "V:xét duyệt hồ sơ mua, thuê mua nhà ở xã hội",
            "A:chủ trương đầu tư dự án nhà ở",
            "V:cho thuê nhà ở thuộc tài sản công",
            "C:đủ điều kiện mua nhà ở xã hội",
            "S:hỗ trợ nhà ở cho người có công",
        ],
    ),
    field(
        "duong-bo",
        "Đường bộ",
        XD,
        false,
        "so-huu-phuong-tien",
        "Luật Đường bộ",
        &[
            "L:Giấy phép lái xe",
            "L:Giấy phép kinh doanh vận tải bằng xe ô tô",
            "L:phù hiệu xe ô tô kinh doanh vận tải",
            "L:Giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn",
            "A:đấu nối vào quốc lộ",
        ],
    ),
    field(
        "duong-thuy-noi-dia",
        "Đường thủy nội địa",
        XD,
        true,
        "so-huu-phuong-tien",
        "Luật Giao thông đường thủy nội địa",
        &[
            "R:phương tiện thủy nội địa",
            "L:Giấy chứng nhận khả năng chuyên môn thuyền trưởng",
            "A:mở bến thủy nội địa",
            "L:Giấy phép hoạt động bến khách ngang sông",
        ],
    ),
    field(
        "an-toan-thuc-pham",
        "An toàn thực phẩm",
        YT,
        true,
        "kinh-doanh-ho-gia-dinh",
        "Luật An toàn thực phẩm",
        &[
            "L:Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
            "R:bản công bố sản phẩm",
            "L:Giấy xác nhận nội dung quảng cáo thực phẩm",
            "V:xác nhận bản cam kết bảo đảm an toàn thực phẩm",
        ],
    ),
    field(
        "kham-chua-benh",
        "Khám bệnh, chữa bệnh",
        YT,
        true,
        "cham-soc-suc-khoe",
        "Luật Khám bệnh, chữa bệnh",
        &[
            "L:giấy phép hành nghề khám bệnh, chữa bệnh",
            "L:giấy phép hoạt động khám bệnh, chữa bệnh",
            "R:hành nghề khám bệnh, chữa bệnh nhân đạo",
            "C:phòng khám đa khoa tư nhân",
            "L:giấy chứng nhận lương y",
        ],
    ),
    field(
        "duoc-pham",
        "Dược phẩm",
        YT,
        false,
        "",
        "Luật Dược",
        &[
            "L:Chứng chỉ hành nghề dược",
            "L:Giấy chứng nhận đủ điều kiện kinh doanh dược",
            "L:giấy xác nhận nội dung thông tin thuốc",
            "R:kinh doanh thuốc phải kiểm soát đặc biệt",
        ],
    ),
    field(
        "y-te-du-phong",
        "Y tế dự phòng",
        YT,
        true,
        "cham-soc-suc-khoe",
        "Luật Phòng bệnh",
        &[
            "C:cơ sở đủ điều kiện tiêm chủng",
            "C:phòng xét nghiệm đạt tiêu chuẩn an toàn sinh học cấp I, cấp II",
            "L:giấy chứng nhận kiểm dịch y tế",
        ],
    ),
    field(
        "giao-duc-mam-non",
        "Giáo dục mầm non",
        GD,
        true,
        "di-hoc",
        "Luật Giáo dục",
        &[
            "T:trường mầm non tư thục",
            "T:nhóm trẻ, lớp mẫu giáo độc lập",
            "S:hỗ trợ ăn trưa cho trẻ em mẫu giáo",
            "C:trường mầm non đạt chuẩn quốc gia",
        ],
    ),
    field(
        "giao-duc-pho-thong",
        "Giáo dục phổ thông",
        GD,
        true,
        "di-hoc",
        "Luật Giáo dục",
        &[
            "T:trường trung học phổ thông tư thục",
            "V:chuyển trường đối với học sinh trung học cơ sở",
            "V:xét miễn, giảm học phí",
            "C:trường tiểu học đạt chuẩn quốc gia",
            "S:hỗ trợ học tập đối với học sinh dân tộc thiểu số",
            "A:cho phép trường trung học hoạt động giáo dục",
        ],
    ),
    field(
        "giao-duc-nghe-nghiep",
        "Giáo dục nghề nghiệp",
        NV,
        false,
        "tim-viec-lam",
        "Luật Giáo dục nghề nghiệp",
        &[
            "T:trung tâm giáo dục nghề nghiệp tư thục",
            "L:Giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp",
            "S:hỗ trợ đào tạo nghề cho lao động nông thôn",
        ],
    ),
    field(
        "thi-tuyen-sinh",
        "Thi, tuyển sinh",
        GD,
        true,
        "di-hoc",
        "Quy chế thi tốt nghiệp trung học phổ thông",
        &[
            "R:dự thi tốt nghiệp trung học phổ thông",
            "V:tuyển sinh trung học cơ sở",
            "V:phúc khảo bài thi",
            "R:xét tuyển vào lớp 10",
        ],
    ),
    field(
        "van-bang-chung-chi",
        "Văn bằng, chứng chỉ",
        GD,
        true,
        "di-hoc",
        "Thông tư ban hành Quy chế quản lý bằng tốt nghiệp, chứng chỉ",
        &[
            "L:bản sao văn bằng, chứng chỉ từ sổ gốc",
            "C:văn bằng do cơ sở giáo dục nước ngoài cấp",
            "V:chỉnh sửa nội dung văn bằng, chứng chỉ",
        ],
    ),
    field(
        "viec-lam",
        "Việc làm",
        NV,
        true,
        "tim-viec-lam",
        "Luật Việc làm",
        &[
            "S:trợ cấp thất nghiệp",
            "L:Giấy phép lao động cho người lao động nước ngoài",
            "L:Giấy phép hoạt động dịch vụ việc làm",
            "S:hỗ trợ học nghề",
            "V:tạm dừng hưởng trợ cấp thất nghiệp",
            "V:chuyển nơi hưởng trợ cấp thất nghiệp",
        ],
    ),
    field(
        "lao-dong-tien-luong",
        "Lao động, tiền lương",
        NV,
        false,
        "",
        "Bộ luật Lao động",
        &[
            "R:nội quy lao động",
            "V:thông báo thang lương, bảng lương",
            "L:Giấy phép cho thuê lại lao động",
            "V:gửi thỏa ước lao động tập thể",
        ],
    ),
    field(
        "nguoi-co-cong",
        "Người có công",
        NV,
        true,
        "nguoi-co-cong",
        "Pháp lệnh Ưu đãi người có công với cách mạng",
        &[
            "S:trợ cấp một lần đối với thân nhân liệt sĩ",
            "C:liệt sĩ",
            "C:thương binh, người hưởng chính sách như thương binh",
            "S:hỗ trợ mai táng phí khi người có công từ trần",
            "V:di chuyển hồ sơ người có công",
            "S:trợ cấp hằng tháng đối với người hoạt động kháng chiến",
            "L:Bằng Tổ quốc ghi công",
        ],
    ),
    field(
        "bao-tro-xa-hoi",
        "Bảo trợ xã hội",
        NV,
        true,
        "nguoi-khuyet-tat",
        "Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
        &[
            "S:trợ cấp xã hội hằng tháng",
            "L:giấy xác nhận khuyết tật",
            "S:hỗ trợ chi phí mai táng",
            "S:trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở",
            "T:cơ sở trợ giúp xã hội ngoài công lập",
            "V:tiếp nhận đối tượng vào cơ sở trợ giúp xã hội",
        ],
    ),
    field(
        "tre-em",
        "Trẻ em",
        NV,
        true,
        "sinh-con",
        "Luật Trẻ em",
        &[
            "V:áp dụng biện pháp can thiệp khẩn cấp để bảo vệ trẻ em",
            "R:chăm sóc thay thế cho trẻ em",
            "S:hỗ trợ trẻ em có hoàn cảnh đặc biệt",
        ],
    ),
    field(
        "phong-chong-te-nan",
        "Phòng, chống tệ nạn xã hội",
        CA,
        true,
        "",
        "Luật Phòng, chống ma túy",
        &[
            "R:cai nghiện ma túy tự nguyện",
            "L:Giấy phép hoạt động cai nghiện ma túy tự nguyện",
            "S:hỗ trợ người sau cai nghiện",
        ],
    ),
    field(
        "bao-hiem-xa-hoi",
        "Bảo hiểm xã hội",
        BHXH,
        true,
        "nghi-huu",
        "Luật Bảo hiểm xã hội",
        &[
            "S:lương hưu",
            "S:bảo hiểm xã hội một lần",
            "S:chế độ ốm đau",
            "S:chế độ thai sản",
            "S:trợ cấp mai táng",
            "R:tham gia bảo hiểm xã hội tự nguyện",
        ],
    ),
    field(
        "bao-hiem-y-te",
        "Bảo hiểm y tế",
        BHXH,
        true,
        "cham-soc-suc-khoe",
        "Luật Bảo hiểm y tế",
        &[
            "L:thẻ bảo hiểm y tế",
            "R:tham gia bảo hiểm y tế hộ gia đình",
            "V:thanh toán trực tiếp chi phí khám bệnh, chữa bệnh bảo hiểm y tế",
            "V:điều chỉnh thông tin trên thẻ bảo hiểm y tế",
        ],
    ),
    field(
        "cong-chuc-vien-chuc",
        "Công chức, viên chức",
        NV,
        true,
        "",
        "Luật Cán bộ, công chức",
        &[
            "V:thi tuyển công chức",
            "V:xét tuyển viên chức",
            "A:tiếp nhận vào làm công chức",
            "A:thăng hạng chức danh nghề nghiệp viên chức",
        ],
    ),
    field(
        "chinh-quyen-dia-phuong",
        "Chính quyền địa phương",
        NV,
        true,
        "",
        "Luật Tổ chức chính quyền địa phương",
        &[
            "T:thôn, tổ dân phố",
            "A:đặt tên, đổi tên thôn, tổ dân phố",
            "C:trưởng thôn, tổ trưởng tổ dân phố",
        ],
    ),
    field(
        "thi-dua-khen-thuong",
        "Thi đua, khen thưởng",
        NV,
        true,
        "",
        "Luật Thi đua, khen thưởng",
        &[
            "C:danh hiệu Chiến sĩ thi đua cấp tỉnh",
            "C:danh hiệu Tập thể lao động xuất sắc",
            "C:danh hiệu Gia đình văn hóa",
            "V:tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
            "V:khen thưởng theo chuyên đề",
        ],
    ),
    field(
        "tin-nguong-ton-giao",
        "Tín ngưỡng, tôn giáo",
        DTTG,
        true,
        "",
        "Luật Tín ngưỡng, tôn giáo",
        &[
            "R:sinh hoạt tôn giáo tập trung",
            "R:hoạt động tín ngưỡng",
            "A:tổ chức lễ hội tín ngưỡng",
            "R:người được bổ nhiệm, bầu cử chức việc",
            "A:tổ chức cuộc lễ ngoài cơ sở tôn giáo",
        ],
    ),
    field(
        "cong-tac-dan-toc",
        "Công tác dân tộc",
        DTTG,
        true,
        "",
        "Nghị định về công tác dân tộc",
        &[
            "C:người có uy tín trong đồng bào dân tộc thiểu số",
            "S:hỗ trợ đất ở, nhà ở cho hộ dân tộc thiểu số nghèo",
            "S:hỗ trợ phát triển sản xuất cộng đồng",
        ],
    ),
    field(
        "van-hoa-co-so",
        "Văn hóa cơ sở",
        VH,
        true,
        "",
        "Nghị định quy định về hoạt động văn hóa và kinh doanh dịch vụ văn hóa công cộng",
        &[
            "L:Giấy phép kinh doanh dịch vụ karaoke",
            "L:Giấy phép kinh doanh dịch vụ vũ trường",
            "R:tổ chức lễ hội",
            "C:danh hiệu Thôn văn hóa",
        ],
    ),
    field(
        "di-san-van-hoa",
        "Di sản văn hóa",
        VH,
        false,
        "",
        "Luật Di sản văn hóa",
        &[
            "A:dự án tu bổ di tích",
            "L:Giấy chứng nhận đủ điều kiện kinh doanh giám định cổ vật",
            "R:di vật, cổ vật",
            "C:bảo vật quốc gia",
            "L:giấy phép thăm dò, khai quật khảo cổ",
        ],
    ),
    field(
        "the-duc-the-thao",
        "Thể dục thể thao",
        VH,
        false,
        "",
        "Luật Thể dục, thể thao",
        &[
            "L:Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao",
            "C:câu lạc bộ thể thao chuyên nghiệp",
            "A:đăng cai tổ chức giải thi đấu thể thao",
        ],
    ),
    field(
        "du-lich",
        "Du lịch",
        VH,
        false,
        "",
        "Luật Du lịch",
        &[
            "L:Giấy phép kinh doanh dịch vụ lữ hành nội địa",
            "L:thẻ hướng dẫn viên du lịch",
            "C:hạng cơ sở lưu trú du lịch",
            "C:điểm du lịch",
            "L:Giấy phép thành lập văn phòng đại diện của doanh nghiệp kinh doanh dịch vụ lữ hành nước ngoài",
        ],
    ),
    field(
        "xuat-ban",
        "Xuất bản, in và phát hành",
        VH,
        false,
        "",
        "Luật Xuất bản",
        &[
            "L:Giấy phép xuất bản tài liệu không kinh doanh",
            "L:giấy phép hoạt động in",
            "R:hoạt động cơ sở in",
            "L:Giấy phép nhập khẩu xuất bản phẩm không kinh doanh",
        ],
    ),
    field(
        "vien-thong-internet",
        "Viễn thông và Internet",
        KHCN,
        false,
        "",
        "Luật Viễn thông",
        &[
            "L:Giấy phép cung cấp dịch vụ trò chơi điện tử G1 trên mạng",
            "L:Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
            "L:Giấy phép thiết lập trang thông tin điện tử tổng hợp",
        ],
    ),
    field(
        "khoa-hoc-cong-nghe",
        "Hoạt động khoa học và công nghệ",
        KHCN,
        false,
        "",
        "Luật Khoa học, công nghệ và đổi mới sáng tạo",
        &[
            "R:hoạt động khoa học và công nghệ",
            "L:Giấy chứng nhận doanh nghiệp khoa học và công nghệ",
            "R:kết quả thực hiện nhiệm vụ khoa học và công nghệ",
            "R:chuyển giao công nghệ",
            "S:hỗ trợ doanh nghiệp đổi mới công nghệ",
        ],
    ),
    field(
        "tieu-chuan-do-luong-chat-luong",
        "Tiêu chuẩn, đo lường, chất lượng",
        KHCN,
        false,
        "",
        "Luật Tiêu chuẩn và Quy chuẩn kỹ thuật",
        &[
            "V:tiếp nhận bản công bố hợp quy",
            "V:kiểm tra nhà nước về chất lượng hàng hóa nhập khẩu",
            "L:chứng chỉ kiểm định viên đo lường",
            "C:tổ chức đánh giá sự phù hợp",
        ],
    ),
    field(
        "luu-thong-hang-hoa",
        "Lưu thông hàng hóa trong nước",
        CT,
        true,
        "kinh-doanh-ho-gia-dinh",
        "Luật Thương mại",
        &[
            "L:Giấy phép bán lẻ sản phẩm thuốc lá",
            "L:Giấy phép bán lẻ rượu",
            "L:Giấy phép bán buôn rượu",
            "L:Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ xăng dầu",
            "R:sản xuất rượu thủ công nhằm mục đích kinh doanh",
            "A:lập cơ sở bán lẻ",
        ],
    ),
    field(
        "dien",
        "Điện",
        CT,
        true,
        "",
        "Luật Điện lực",
        &[
            "L:Giấy phép hoạt động điện lực",
            "L:thẻ an toàn điện",
            "A:quy hoạch phát triển điện lực",
            "V:thỏa thuận đấu nối vào lưới điện",
        ],
    ),
    field(
        "cong-nghiep-dia-phuong",
        "Công nghiệp địa phương",
        CT,
        true,
        "",
        "Nghị định về khuyến công",
        &[
            "C:sản phẩm công nghiệp nông thôn tiêu biểu",
            "S:hỗ trợ kinh phí khuyến công",
            "A:thành lập cụm công nghiệp",
        ],
    ),
    field(
        "khu-cong-nghiep",
        "Quản lý khu công nghiệp, khu kinh tế",
        KKT,
        false,
        "",
        "Nghị định quy định về quản lý khu công nghiệp và khu kinh tế",
        &[
            "L:Giấy phép lao động cho người nước ngoài làm việc tại khu công nghiệp",
            "C:doanh nghiệp chế xuất",
            "V:thông báo tuyển dụng lao động nước ngoài",
        ],
    ),
    field(
        "ngoai-vu",
        "Công tác lãnh sự và ngoại vụ",
        NG,
        false,
        "xuat-canh",
        "Luật Cơ quan đại diện nước Cộng hòa xã hội chủ nghĩa Việt Nam ở nước ngoài",
        &[
            "V:chứng nhận lãnh sự",
            "V:hợp pháp hóa lãnh sự",
            "A:tổ chức hội nghị, hội thảo quốc tế",
            "A:cho phép sử dụng thẻ đi lại của doanh nhân APEC",
        ],
    ),
    field(
        "tiep-cong-dan",
        "Tiếp công dân",
        TTRA,
        true,
        "",
        "Luật Tiếp công dân",
        &[
            "V:tiếp công dân",
            "V:xử lý đơn thư",
            "V:giải quyết kiến nghị, phản ánh",
        ],
    ),
    field(
        "khieu-nai",
        "Giải quyết khiếu nại",
        TTRA,
        true,
        "",
        "Luật Khiếu nại",
        &[
            "V:giải quyết khiếu nại lần đầu",
            "V:giải quyết khiếu nại lần hai",
            "V:rút khiếu nại",
        ],
    ),
    field(
        "to-cao",
        "Giải quyết tố cáo",
        TTRA,
        true,
        "",
        "Luật Tố cáo",
        &[
            "V:giải quyết tố cáo",
            "V:bảo vệ người tố cáo",
            "V:rút tố cáo",
        ],
    ),
    field(
        "nghia-vu-quan-su",
        "Nghĩa vụ quân sự",
        QS,
        true,
        "nghia-vu-quan-su",
        "Luật Nghĩa vụ quân sự",
        &[
            "R:nghĩa vụ quân sự lần đầu",
            "R:nghĩa vụ quân sự bổ sung",
            "V:tạm hoãn gọi nhập ngũ",
            "V:miễn gọi nhập ngũ",
            "S:trợ cấp xuất ngũ một lần",
            "L:Giấy chứng nhận đăng ký nghĩa vụ quân sự",
        ],
    ),
    field(
        "chinh-sach-quan-doi",
        "Chính sách quân đội",
        QS,
        true,
        "nguoi-co-cong",
        "Nghị định về chế độ, chính sách đối với đối tượng tham gia chiến tranh bảo vệ Tổ quốc",
        &[
            "S:trợ cấp một lần đối với quân nhân đã phục viên, xuất ngũ",
            "S:chế độ hưu trí đối với quân nhân",
            "S:bảo hiểm y tế đối với cựu chiến binh",
        ],
    ),
];

/// The verbs that start a title, for each kind of object, with their weights.
pub fn actions(kind: char) -> &'static [(u32, &'static str)] {
    match kind {
        'L' => &[
            (40, "Cấp"),
            (18, "Cấp lại"),
            (10, "Cấp đổi"),
            (10, "Gia hạn"),
            (12, "Điều chỉnh"),
            (10, "Thu hồi"),
        ],
        'R' => &[
            (60, "Đăng ký"),
            (22, "Đăng ký lại"),
            (18, "Đăng ký thay đổi"),
        ],
        'S' => &[
            (45, "Giải quyết"),
            (20, "Xét hưởng"),
            (15, "Điều chỉnh"),
            (10, "Thôi hưởng"),
            (10, "Tạm dừng"),
        ],
        'A' => &[
            (35, "Thẩm định"),
            (30, "Phê duyệt"),
            (20, "Chấp thuận"),
            (15, "Điều chỉnh"),
        ],
        'C' => &[
            (60, "Công nhận"),
            (25, "Công nhận lại"),
            (15, "Hủy bỏ quyết định công nhận"),
        ],
        'V' => &[(1, "")],
        _ => &[
            (30, "Thành lập"),
            (25, "Đăng ký hoạt động"),
            (15, "Thay đổi nội dung đăng ký hoạt động"),
            (15, "Giải thể"),
            (15, "Sáp nhập, chia, tách"),
        ],
    }
}

/// What a title may end with, to tell cases apart.
pub const QUALIFIERS: &[&str] = &[
    " đối với tổ chức",
    " đối với cá nhân",
    " cho người nước ngoài",
    " có yếu tố nước ngoài",
    " trong trường hợp bị mất, hư hỏng",
    " do hết hạn sử dụng",
    " theo hình thức trực tuyến",
    " đối với doanh nghiệp nhỏ và vừa",
    " tại khu vực biên giới",
    " cho người Việt Nam định cư ở nước ngoài",
    " lưu động",
    " (trường hợp thay đổi thông tin)",
    " (trường hợp đặc biệt)",
    " đối với hộ gia đình",
];

pub const SUBJECTS: &[(u32, &str)] = &[
    (38, "Công dân Việt Nam"),
    (29, "Tổ chức (không bao gồm doanh nghiệp, HTX)"),
    (20, "Doanh nghiệp"),
    (11, "Người nước ngoài"),
    (9, "Người Việt Nam định cư ở nước ngoài"),
    (9, "Cán bộ, công chức, viên chức"),
    (5, "Tổ chức nước ngoài"),
    (5, "Hợp tác xã"),
    (4, "Hộ kinh doanh"),
];

/// Decrees that apply to every procedure (real numbers, real dates).
pub const GENERAL_LAWS: &[(&str, &str, &str)] = &[
    (
        "61/2018/NĐ-CP",
        "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
        "2018-04-23",
    ),
    (
        "45/2020/NĐ-CP",
        "Nghị định về thực hiện thủ tục hành chính trên môi trường điện tử",
        "2020-04-08",
    ),
    (
        "85/2019/TT-BTC",
        "Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương",
        "2019-11-29",
    ),
    (
        "118/2025/NĐ-CP",
        "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia",
        "2025-06-09",
    ),
];

/// Documents that many procedures ask for: (name, required).
pub const COMMON_DOCUMENTS: &[(&str, bool)] = &[
    (
        "Văn bản ủy quyền theo quy định của pháp luật (trường hợp ủy quyền thực hiện thủ tục)",
        false,
    ),
    (
        "Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc Quyết định thành lập",
        true,
    ),
    ("Giấy tờ chứng minh nơi cư trú", true),
    (
        "02 ảnh chân dung cỡ 4 x 6 cm, chụp không quá 06 tháng",
        true,
    ),
    (
        "Bản thuyết minh về điều kiện cơ sở vật chất, trang thiết bị",
        true,
    ),
    (
        "Danh sách nhân sự kèm theo bản sao văn bằng, chứng chỉ chuyên môn",
        true,
    ),
    ("Báo cáo kết quả hoạt động của năm gần nhất", true),
    (
        "Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất",
        true,
    ),
    ("Sơ đồ vị trí, bản vẽ mặt bằng của cơ sở", true),
    (
        "Giấy khám sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp",
        true,
    ),
    ("Phiếu lý lịch tư pháp số 1", true),
    (
        "Bản chính giấy tờ đã được cấp (trường hợp cấp đổi, cấp lại do hư hỏng)",
        false,
    ),
    ("Biên lai nộp phí, lệ phí (nếu có)", false),
    (
        "Giấy tờ chứng minh thuộc đối tượng được miễn, giảm (nếu có)",
        false,
    ),
    (
        "Văn bản đồng ý của cơ quan quản lý chuyên ngành (nếu có)",
        false,
    ),
    (
        "Bản sao các quyết định phê duyệt kế hoạch, đề án, dự án có liên quan",
        true,
    ),
];

/// Documents shown at the counter and handed back.
pub const PRESENTED_DOCUMENTS: &[&str] = &[
    "Căn cước hoặc hộ chiếu còn giá trị sử dụng",
    "Giấy tờ chứng minh nhân thân của người nộp hồ sơ",
    "Bản chính các giấy tờ để đối chiếu (trường hợp nộp bản sao không có chứng thực)",
    "Giấy tờ chứng minh nơi cư trú cuối cùng (trường hợp cần xác định thẩm quyền)",
];

/// Notes on free fees.
pub const FREE_NOTES: &[&str] = &[
    "Miễn lệ phí theo quy định",
    "Miễn lệ phí đối với người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật",
    "Không thu phí, lệ phí",
    "Miễn lệ phí khi thực hiện đúng hạn",
];

/// The cases of a fee schedule: (label, notes, smallest amount in thousands of đồng).
pub const FEE_SCHEDULES: &[(&str, &[&str], u64)] = &[
    (
        "Lệ phí",
        &[
            "Cấp mới",
            "Cấp lại, cấp đổi",
            "Điều chỉnh, bổ sung nội dung",
        ],
        50,
    ),
    (
        "Phí thẩm định",
        &[
            "Cơ sở có quy mô dưới 50 lao động",
            "Cơ sở có quy mô từ 50 đến dưới 200 lao động",
            "Cơ sở có quy mô từ 200 lao động trở lên",
        ],
        500,
    ),
    (
        "Lệ phí",
        &[
            "Xe dưới 5 tấn",
            "Xe từ 5 tấn đến dưới 15 tấn",
            "Xe từ 15 tấn trở lên",
        ],
        50,
    ),
    (
        "Phí",
        &["Hộ gia đình, cá nhân", "Tổ chức", "Tổ chức nước ngoài"],
        20,
    ),
    (
        "Lệ phí",
        &["Tại khu vực thành phố, thị xã", "Tại các khu vực khác"],
        25,
    ),
];

// ---- sentences of the body ----
//
// Placeholders: {tt} the title in lower case, {obj} what it is about, {ag} the agency,
// {sub} who does it, {res} the result, {dur} the time, {field} the field in lower case,
// {prov} the province, {law} the main law.

/// What the procedure is for; the first sentence always comes first.
pub const INTRO: &[&str] = &[
    "{sub} có nhu cầu {tt} thực hiện thủ tục này.",
    "{ag} tiếp nhận hồ sơ, thẩm định và giải quyết theo quy định của pháp luật về {field}.",
    "Kết quả của thủ tục là {res}, có giá trị sử dụng theo quy định của pháp luật.",
    "Người yêu cầu có thể nộp hồ sơ trực tiếp tại Bộ phận Một cửa, qua dịch vụ bưu chính công ích hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.",
    "Thủ tục được thực hiện theo {law} và các văn bản hướng dẫn thi hành.",
    "Trường hợp thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư thì người yêu cầu không phải nộp bản sao giấy tờ có thông tin đó.",
    "Thời hạn giải quyết được tính từ ngày cơ quan có thẩm quyền nhận đủ hồ sơ hợp lệ.",
];

/// Steps, by stage: prepare, receive, process, decide, return.
pub const STEPS: &[&[&str]] = &[
    &[
        "{sub} chuẩn bị đầy đủ hồ sơ theo quy định và nộp tại Bộ phận Một cửa của {ag} hoặc nộp trực tuyến qua Cổng Dịch vụ công quốc gia.",
        "Người yêu cầu {tt} điền đầy đủ thông tin vào tờ khai theo mẫu, đính kèm bản chụp hoặc bản sao điện tử các giấy tờ, tài liệu theo quy định và nộp phí, lệ phí (nếu có).",
        "Tổ chức, cá nhân lập 01 bộ hồ sơ đề nghị {tt} và gửi đến {ag} bằng một trong các hình thức: trực tiếp, qua dịch vụ bưu chính hoặc trực tuyến.",
    ],
    &[
        "Cán bộ tiếp nhận kiểm tra tính chính xác, đầy đủ, thống nhất, hợp lệ của hồ sơ. Trường hợp hồ sơ đầy đủ, hợp lệ thì tiếp nhận và cấp Phiếu tiếp nhận hồ sơ và hẹn trả kết quả.",
        "Trường hợp hồ sơ chưa đầy đủ, chưa hợp lệ thì cán bộ tiếp nhận hướng dẫn người nộp bổ sung, hoàn thiện một lần bằng văn bản theo mẫu Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.",
        "Trường hợp từ chối tiếp nhận hồ sơ, cán bộ tiếp nhận lập Phiếu từ chối tiếp nhận giải quyết hồ sơ, nêu rõ lý do và gửi cho người nộp hồ sơ.",
        "Nếu tiếp nhận hồ sơ sau 15 giờ thì thời hạn giải quyết được tính từ ngày làm việc tiếp theo.",
    ],
    &[
        "Trong thời hạn {dur} kể từ ngày nhận đủ hồ sơ hợp lệ, {ag} tổ chức thẩm định hồ sơ, kiểm tra thực tế (nếu cần) và trình cấp có thẩm quyền xem xét, quyết định.",
        "Cơ quan giải quyết lấy ý kiến của các cơ quan, đơn vị có liên quan; cơ quan được lấy ý kiến có trách nhiệm trả lời bằng văn bản trong thời hạn 05 ngày làm việc.",
        "Trường hợp cần xác minh, cơ quan giải quyết gửi văn bản đề nghị xác minh; thời gian xác minh không tính vào thời hạn giải quyết.",
        "Công chức chuyên môn kiểm tra, đối chiếu thông tin trong hồ sơ với Cơ sở dữ liệu chuyên ngành và lập báo cáo kết quả thẩm định.",
    ],
    &[
        "Trường hợp đủ điều kiện, người có thẩm quyền ký {res} và chuyển kết quả đến Bộ phận Một cửa; trường hợp không đủ điều kiện thì trả lời bằng văn bản và nêu rõ lý do.",
        "Căn cứ kết quả thẩm định, {ag} ban hành {res}; kết quả được cập nhật vào Cơ sở dữ liệu quốc gia và gửi bản điện tử cho người yêu cầu.",
        "Thủ trưởng cơ quan có thẩm quyền xem xét, ký duyệt kết quả giải quyết thủ tục hành chính trong thời hạn quy định.",
    ],
    &[
        "Người nộp hồ sơ nhận kết quả tại Bộ phận Một cửa, qua dịch vụ bưu chính công ích hoặc nhận bản điện tử trên Cổng Dịch vụ công quốc gia.",
        "Khi nhận kết quả, người yêu cầu xuất trình Phiếu tiếp nhận hồ sơ và hẹn trả kết quả, kiểm tra thông tin trên kết quả và ký nhận vào Sổ theo dõi hồ sơ.",
        "Trường hợp người yêu cầu đăng ký nhận kết quả qua dịch vụ bưu chính, kết quả được chuyển phát đến địa chỉ đã đăng ký và người nhận trả cước phí theo quy định.",
    ],
];

/// More detail for the processing step, to reach the length of a real record.
pub const STEP_DETAILS: &[&str] = &[
    "Thời gian bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết.",
    "Cán bộ tiếp nhận có trách nhiệm cập nhật tình trạng hồ sơ trên Hệ thống thông tin giải quyết thủ tục hành chính của {prov}.",
    "Trường hợp quá hạn giải quyết, cơ quan giải quyết gửi Phiếu xin lỗi và hẹn lại ngày trả kết quả cho người yêu cầu.",
    "Việc thẩm định thực tế do tổ công tác gồm đại diện các cơ quan chuyên môn có liên quan thực hiện và lập biên bản.",
    "Người yêu cầu có thể theo dõi tiến độ giải quyết hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công quốc gia hoặc qua tin nhắn.",
    "Trường hợp nộp hồ sơ trực tuyến, người yêu cầu thanh toán phí, lệ phí qua chức năng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia.",
    "Đối với hồ sơ phức tạp, thời hạn giải quyết có thể được kéo dài nhưng không quá thời hạn quy định và phải thông báo cho người yêu cầu.",
    "Cơ quan giải quyết lưu hồ sơ theo quy định về văn thư, lưu trữ và cập nhật kết quả vào Cơ sở dữ liệu về {field}.",
    "Trường hợp hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công {prov}, cán bộ tiếp nhận chuyển hồ sơ đến {ag} ngay trong ngày làm việc.",
];

pub const CONDITIONS: &[&str] = &[
    "{sub} có năng lực hành vi dân sự đầy đủ theo quy định của pháp luật.",
    "Có trụ sở, địa điểm hoạt động ổn định, bảo đảm điều kiện về phòng cháy, chữa cháy và vệ sinh môi trường.",
    "Hồ sơ được lập bằng tiếng Việt; giấy tờ bằng tiếng nước ngoài phải được dịch sang tiếng Việt và chứng thực bản dịch.",
    "Giấy tờ do cơ quan có thẩm quyền của nước ngoài cấp phải được hợp pháp hóa lãnh sự, trừ trường hợp được miễn theo quy định.",
    "Người đứng đầu có trình độ chuyên môn phù hợp và không thuộc trường hợp bị cấm đảm nhiệm chức vụ theo quy định của pháp luật.",
    "Có đủ nhân lực, trang thiết bị đáp ứng yêu cầu theo quy chuẩn kỹ thuật quốc gia về {field}.",
    "Không trong thời gian bị xử phạt vi phạm hành chính hoặc bị truy cứu trách nhiệm hình sự liên quan đến lĩnh vực đề nghị.",
    "Phù hợp với quy hoạch, kế hoạch đã được cơ quan nhà nước có thẩm quyền phê duyệt.",
    "Đã hoàn thành nghĩa vụ tài chính với Nhà nước theo quy định.",
    "Thông tin kê khai trong tờ khai phải trung thực, chính xác; người yêu cầu chịu trách nhiệm trước pháp luật về nội dung đã kê khai.",
    "Có phương án bảo đảm an ninh, trật tự và an toàn cho người, tài sản trong quá trình hoạt động.",
    "Việc thực hiện phải bảo đảm nguyên tắc công khai, minh bạch và đúng thẩm quyền theo {law}.",
];

/// Other sections: (heading, sentences).
pub const OTHER_SECTIONS: &[(&str, &[&str])] = &[
    (
        "Lưu ý",
        &[
            "Người yêu cầu chịu trách nhiệm về tính hợp pháp của các giấy tờ đã nộp.",
            "Kết quả bản điện tử có giá trị pháp lý như bản giấy.",
            "Trường hợp ủy quyền cho người khác thực hiện, văn bản ủy quyền phải được chứng thực, trừ trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền.",
            "Không yêu cầu nộp bản sao có chứng thực nếu người nộp xuất trình bản chính để đối chiếu.",
        ],
    ),
    (
        "Trường hợp được miễn, giảm phí, lệ phí",
        &[
            "Miễn lệ phí đối với người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật.",
            "Giảm 50% mức thu đối với hồ sơ nộp trực tuyến theo Nghị quyết của Hội đồng nhân dân tỉnh.",
            "Trẻ em, học sinh, sinh viên được miễn phí theo quy định của Bộ Tài chính.",
        ],
    ),
    (
        "Thời hạn giải quyết theo từng trường hợp",
        &[
            "Trường hợp không phải xác minh: giải quyết ngay trong ngày làm việc.",
            "Trường hợp phải xác minh: không quá 05 ngày làm việc.",
            "Trường hợp phải lấy ý kiến cơ quan có liên quan: không quá 10 ngày làm việc.",
            "Trường hợp phải kiểm tra thực tế: không quá 15 ngày.",
        ],
    ),
];
