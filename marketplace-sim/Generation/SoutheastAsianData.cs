namespace OrderActors.MarketplaceSim.Generation;

/// <summary>Believable buyers, addresses and products per market (invented people; real cities and formats).</summary>
internal static class SoutheastAsianData
{
    public sealed record Market(string Country, string Currency, string[] FirstNames, string[] LastNames, (string City, string State, string District, string Postal)[] Places,
        string[] Streets, Func<Random, string> Phone, decimal PriceUnit, decimal ShippingFee);

    public static readonly Market[] Markets =
    [
        new("MY", "MYR", ["Siti", "Ahmad", "Nurul", "Wei Ling", "Rajesh", "Farah", "Hafiz", "Mei Yee"], ["Rahman", "Abdullah", "Tan", "Lim", "Kumar", "Ismail", "Wong", "Ng"],
            [("Kuala Lumpur", "W.P. Kuala Lumpur", "Bangsar", "59100"), ("Petaling Jaya", "Selangor", "SS2", "47300"), ("George Town", "Pulau Pinang", "Pulau Tikus", "10350"), ("Johor Bahru", "Johor", "Taman Molek", "81100")],
            ["Jalan Telawi 3", "Jalan SS2/24", "Lorong Burma", "Jalan Molek 1/9"], r => $"+601{r.Next(0, 9)}{r.Next(1000000, 9999999)}", 1m, 5.90m),
        new("SG", "SGD", ["Jun Jie", "Hui Min", "Arjun", "Nur Aisyah", "Wei Jie", "Priya"], ["Tan", "Lim", "Lee", "Ng", "Goh", "Nair"],
            [("Singapore", "Central", "Tiong Bahru", "160055"), ("Singapore", "East", "Tampines", "520201"), ("Singapore", "West", "Jurong East", "600135")],
            ["55 Tiong Bahru Road #03-12", "201 Tampines Street 21 #08-331", "135 Jurong Gateway Road #11-305"], r => $"+65 {r.Next(8, 10)}{r.Next(100, 999)} {r.Next(1000, 9999)}", 0.35m, 3.50m),
        new("TH", "THB", ["Somchai", "Kanya", "Nattapong", "Suda", "Pim", "Anan"], ["Jaidee", "Srisuk", "Wongsawat", "Chaiyaporn", "Boonmee", "Rattanakorn"],
            [("Bangkok", "Bangkok", "Khlong Toei", "10110"), ("Chiang Mai", "Chiang Mai", "Nimmanhaemin", "50200"), ("Phuket", "Phuket", "Kathu", "83120")],
            ["99 Sukhumvit Rd", "12 Nimman Soi 7", "45/3 Rat-U-Thit 200 Pi Rd"], r => $"+66 8{r.Next(1, 9)} {r.Next(100, 999)} {r.Next(1000, 9999)}", 8m, 40m),
        new("ID", "IDR", ["Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri"], ["Santoso", "Wijaya", "Pratama", "Lestari", "Saputra", "Halim"],
            [("Jakarta Selatan", "DKI Jakarta", "Kebayoran Baru", "12160"), ("Bandung", "Jawa Barat", "Coblong", "40132"), ("Surabaya", "Jawa Timur", "Gubeng", "60281")],
            ["Jl. Senopati No. 18", "Jl. Dago No. 77", "Jl. Raya Gubeng No. 5"], r => $"+62 81{r.Next(1, 9)}-{r.Next(1000, 9999)}-{r.Next(1000, 9999)}", 3500m, 15000m),
        new("PH", "PHP", ["Juan", "Maria", "Jose", "Andrea", "Mark", "Kristine"], ["Dela Cruz", "Santos", "Reyes", "Garcia", "Mendoza", "Bautista"],
            [("Makati", "Metro Manila", "Poblacion", "1210"), ("Quezon City", "Metro Manila", "Diliman", "1101"), ("Cebu City", "Cebu", "Lahug", "6000")],
            ["5678 Makati Ave", "23 Maginhawa St", "88 Gorordo Ave"], r => $"+63 9{r.Next(10, 99)} {r.Next(100, 999)} {r.Next(1000, 9999)}", 12m, 45m),
        new("VN", "VND", ["An", "Linh", "Minh", "Huong", "Tuan", "Trang"], ["Nguyen Van", "Tran Thi", "Le Van", "Pham Thi", "Hoang", "Vu Thi"],
            [("Ha Noi", "Ha Noi", "Hoan Kiem", "100000"), ("Ho Chi Minh City", "Ho Chi Minh", "Quan 1", "700000"), ("Da Nang", "Da Nang", "Hai Chau", "550000")],
            ["25 Ly Thuong Kiet", "102 Nguyen Hue", "15 Bach Dang"], r => $"+84 9{r.Next(0, 9)} {r.Next(100, 999)} {r.Next(1000, 9999)}", 6000m, 25000m),
        new("US", "USD", ["Emily", "Daniel", "Grace", "Ethan"], ["Nguyen", "Santos", "Kim", "Patel"],
            [("San Francisco", "CA", "Mission", "94110"), ("Seattle", "WA", "Capitol Hill", "98102")],
            ["2400 Mission St", "510 Broadway E"], r => $"+1 415 {r.Next(200, 999)} {r.Next(1000, 9999)}", 0.25m, 4.99m),
    ];

    public static readonly (string Sku, string Name, string? Variant, decimal BasePrice)[] Products =
    [
        ("BATIK-M-BLU", "Batik shirt", "M / Blue", 45.90m), ("BATIK-L-RED", "Batik shirt", "L / Red", 45.90m),
        ("KOPI-250", "Kopi Luwak 250g", null, 65.00m), ("MANGO-1KG", "Dried mango 1kg", null, 29.90m),
        ("SAMBAL-3", "Sambal set of 3", null, 19.90m), ("AO-DAI-S", "Ao dai silk", "S", 89.00m),
        ("SARONG-GRN", "Cotton sarong", "Green", 24.50m), ("TEH-TARIK-20", "Teh tarik sachets x20", null, 12.90m),
        ("RATTAN-BAG", "Rattan bag", "Natural", 59.00m), ("DURIAN-CHOC", "Durian chocolate", null, 15.50m),
    ];
}
