namespace Shop;

// No 'using System.Text;': compiler error CS0246, which Roslyn's own "add using" fix repairs. The control case: it
// shows that the server offers diagnostic fixes at all, so what it offers (or not) at NormGuard's diagnostics means something.
public static class Receipt
{
    public static string Print(Order order) => new StringBuilder().Append(order.Total).ToString();
}
